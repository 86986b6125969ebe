<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BudgetPanel</name>
    <message>
        <source>Export budget</source>
        <translation>Budget exportieren</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>PDF-Bericht (*.pdf)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV-Tabelle (*.csv)</translation>
    </message>
    <message>
        <source>Production JSON (*.json)</source>
        <translation>Produktion als JSON (*.json)</translation>
    </message>
    <message>
        <source>Open a production</source>
        <translation>Produktion öffnen</translation>
    </message>
    <message>
        <source>Untitled production</source>
        <translation>Unbenannte Produktion</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save a new revision in the project store</source>
        <translation>Neue Revision im Projektspeicher sichern</translation>
    </message>
    <message>
        <source>File ▾</source>
        <translation>Datei ▾</translation>
    </message>
    <message>
        <source>Open production…</source>
        <translation>Produktion öffnen…</translation>
    </message>
    <message>
        <source>Load the example</source>
        <translation>Beispiel laden</translation>
    </message>
    <message>
        <source>Export PDF report…</source>
        <translation>PDF-Bericht exportieren…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>JSON exportieren…</translation>
    </message>
    <message>
        <source>%1 · %2 per frame</source>
        <translation>%1 · %2 pro Frame</translation>
    </message>
    <message>
        <source>finishes %1 · %2</source>
        <translation>fertig %1 · %2</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>termingerecht</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) late</source>
        <translation>
            <numerusform>%n Arbeitstag nach der Deadline</numerusform>
            <numerusform>%n Arbeitstage nach der Deadline</numerusform>
        </translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Rechenleistung</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Overhead</source>
        <translation>Gemeinkosten</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) need attention before the figures can be computed</source>
        <translation>
            <numerusform>%n Feld muss geprüft werden, bevor die Zahlen berechnet werden können</numerusform>
            <numerusform>%n Felder müssen geprüft werden, bevor die Zahlen berechnet werden können</numerusform>
        </translation>
    </message>
    <message>
        <source>Shots</source>
        <translation>Shots</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Szenarien</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risiko</translation>
    </message>
</context>
<context>
    <name>BudgetPdf</name>
    <message>
        <source>Labour</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Rechenleistung</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Overhead</source>
        <translation>Gemeinkosten</translation>
    </message>
    <message>
        <source>input at its minimum</source>
        <translation>Eingabe auf Minimum</translation>
    </message>
    <message>
        <source>input at its maximum</source>
        <translation>Eingabe auf Maximum</translation>
    </message>
    <message>
        <source>swing</source>
        <translation>Spanne</translation>
    </message>
    <message>
        <source>%1 shots, %2 frames · %3 to %4 · %5 · report of %6</source>
        <translation>%1 Shots, %2 Frames · %3 bis %4 · %5 · Bericht vom %6</translation>
    </message>
    <message>
        <source>Totals by scenario</source>
        <translation>Summen nach Szenario</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Fertigstellung</translation>
    </message>
    <message>
        <source>P50</source>
        <translation>P50</translation>
    </message>
    <message>
        <source>P90</source>
        <translation>P90</translation>
    </message>
    <message>
        <source>Cost by category</source>
        <translation>Kosten nach Kategorie</translation>
    </message>
    <message>
        <source>What moves the total most: %1</source>
        <translation>Was die Gesamtsumme am stärksten beeinflusst: %1</translation>
    </message>
    <message>
        <source>Risk: %1 (S-curve of the total, %2 runs, seed %3)</source>
        <translation>Risiko: %1 (S-Kurve der Gesamtsumme, %2 Durchläufe, Seed %3)</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Gegenüberstellung</translation>
    </message>
    <message>
        <source>Break-even</source>
        <translation>Break-even</translation>
    </message>
    <message>
        <source>%1 is cheaper than %2 from %3 pass frames (this production: %4)</source>
        <translation>%1 ist ab %3 Frames im Arbeitsschritt günstiger als %2 (diese Produktion: %4)</translation>
    </message>
    <message>
        <source>%1 is not cheaper than %2 up to ten times this production</source>
        <translation>%1 ist bis zum Zehnfachen dieser Produktion nicht günstiger als %2</translation>
    </message>
    <message>
        <source>Every figure here is reproducible with: rushes-cli budget FILE --json, where FILE is this production exported as JSON. Prices and throughput sources are recorded in the file&apos;s compute.hardware entries.</source>
        <translation>Jede Zahl hier lässt sich reproduzieren mit: rushes-cli budget FILE --json, wobei FILE diese als JSON exportierte Produktion ist. Preise und Quellen der Durchsatzwerte sind in den Einträgen compute.hardware der Datei festgehalten.</translation>
    </message>
    <message>
        <source>Budget: %1</source>
        <translation>Budget: %1</translation>
    </message>
    <message>
        <source>%1: cannot write the PDF</source>
        <translation>%1: PDF kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>%1: the PDF was not written</source>
        <translation>%1: PDF wurde nicht geschrieben</translation>
    </message>
</context>
<context>
    <name>BudgetReport</name>
    <message>
        <source>%1 shots, %2 frames; %3 to %4</source>
        <translation>%1 Shots, %2 Frames; %3 bis %4</translation>
    </message>
    <message>
        <source>labour %1, compute %2, storage %3, overhead %4</source>
        <translation>Personal %1, Rechenleistung %2, Speicher %3, Gemeinkosten %4</translation>
    </message>
    <message>
        <source>total %1 (%2 per shot, %3 per frame)</source>
        <translation>Summe %1 (%2 pro Shot, %3 pro Frame)</translation>
    </message>
    <message>
        <source>schedule: finishes %1, %2 working days %3 the deadline; %4 device-hours (%5 days on the units)</source>
        <translation>Zeitplan: fertig %1, %2 Arbeitstage %3 der Deadline; %4 Gerätestunden (%5 Tage auf den Einheiten)</translation>
    </message>
    <message>
        <source>before</source>
        <translation>vor</translation>
    </message>
    <message>
        <source>after</source>
        <translation>nach</translation>
    </message>
    <message>
        <source>risk (%1 runs, seed %2): P50 %3, P80 %4, P90 %5; finish P50 %6, P90 %7; on time %8%</source>
        <translation>Risiko (%1 Durchläufe, Seed %2): P50 %3, P80 %4, P90 %5; Fertigstellung P50 %6, P90 %7; termingerecht %8%</translation>
    </message>
    <message>
        <source>moves the total most: %1 (%2 to %3)</source>
        <translation>größter Einfluss auf die Gesamtsumme: %1 (%2 bis %3)</translation>
    </message>
    <message>
        <source>break-even: %1 is cheaper than %2 from %3 pass frames</source>
        <translation>Break-even: %1 ist ab %3 Frames im Arbeitsschritt günstiger als %2</translation>
    </message>
    <message>
        <source>break-even: %1 is not cheaper than %2 up to ten times this production</source>
        <translation>Break-even: %1 ist bis zum Zehnfachen dieser Produktion nicht günstiger als %2</translation>
    </message>
</context>
<context>
    <name>ComputePage</name>
    <message>
        <source>Import rushes-cli bench --json output</source>
        <translation>Ausgabe von rushes-cli bench --json importieren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>/h</source>
        <translation>/h</translation>
    </message>
    <message>
        <source>Add preset</source>
        <translation>Vorlage hinzufügen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Pricing</source>
        <translation>Preismodell</translation>
    </message>
    <message>
        <source>Cloud on-demand</source>
        <translation>Cloud (On-Demand)</translation>
    </message>
    <message>
        <source>Cloud spot</source>
        <translation>Cloud (Spot)</translation>
    </message>
    <message>
        <source>On-premises</source>
        <translation>On-Premises</translation>
    </message>
    <message>
        <source>Price/hour</source>
        <translation>Preis/Stunde</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Anschaffung</translation>
    </message>
    <message>
        <source>Life</source>
        <translation>Nutzungsdauer</translation>
    </message>
    <message>
        <source>years</source>
        <translation>Jahre</translation>
    </message>
    <message>
        <source>Hours a year</source>
        <translation>Stunden pro Jahr</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>kW</source>
        <translation>kW</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Strompreis</translation>
    </message>
    <message>
        <source>/kWh</source>
        <translation>/kWh</translation>
    </message>
    <message>
        <source>Operations/yr</source>
        <translation>Betrieb/Jahr</translation>
    </message>
    <message>
        <source>= %1 per hour (purchase over its life, power, operations)</source>
        <translation>= %1 pro Stunde (Anschaffung über die Nutzungsdauer, Strom, Betrieb)</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Einheiten</translation>
    </message>
    <message>
        <source>%1 (%2) at %3×%4: %5 ms/frame</source>
        <translation>%1 (%2) bei %3×%4: %5 ms/Frame</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Messung läuft…</translation>
    </message>
    <message>
        <source>Measure this machine</source>
        <translation>Diesen Rechner messen</translation>
    </message>
    <message>
        <source>Import bench…</source>
        <translation>Benchmark importieren…</translation>
    </message>
    <message>
        <source>Storage and transfer</source>
        <translation>Speicher und Transfer</translation>
    </message>
    <message>
        <source>Storage per TB-month</source>
        <translation>Speicher pro TB und Monat</translation>
    </message>
    <message>
        <source>Egress per TB</source>
        <translation>Egress pro TB</translation>
    </message>
    <message>
        <source>Bytes per pixel</source>
        <translation>Bytes pro Pixel</translation>
    </message>
    <message>
        <source>Copies kept</source>
        <translation>Anzahl Kopien</translation>
    </message>
    <message>
        <source>Months kept</source>
        <translation>Aufbewahrung (Monate)</translation>
    </message>
</context>
<context>
    <name>CostModel</name>
    <message>
        <source>%1 frames/day</source>
        <translation>%1: Frames/Tag</translation>
    </message>
    <message>
        <source>Rework</source>
        <translation>Nacharbeit</translation>
    </message>
    <message>
        <source>QC minutes/shot</source>
        <translation>QC-Minuten/Shot</translation>
    </message>
    <message>
        <source>AI fix-up share</source>
        <translation>KI-Nachbesserungsanteil</translation>
    </message>
    <message>
        <source>%1 price/hour</source>
        <translation>%1: Preis/Stunde</translation>
    </message>
    <message>
        <source>Compute price/hour</source>
        <translation>Rechenleistung: Preis/Stunde</translation>
    </message>
    <message>
        <source>Post-production staff</source>
        <translation>Personal in der Postproduktion</translation>
    </message>
    <message>
        <source>Compute infrastructure</source>
        <translation>Recheninfrastruktur</translation>
    </message>
    <message>
        <source>Storage and egress</source>
        <translation>Speicher und Egress</translation>
    </message>
    <message>
        <source>Overhead</source>
        <translation>Gemeinkosten</translation>
    </message>
    <message>
        <source>Pipeline flexibility</source>
        <translation>Flexibilität der Pipeline</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Risk profile</source>
        <translation>Risikoprofil</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>%1 · %2 artist-days · %3 people</source>
        <translation>%1 · %2 Artist-Tage · %3 Personen</translation>
    </message>
    <message>
        <source>%1 · %2 device-hours on %3</source>
        <translation>%1 · %2 Gerätestunden auf %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1% of pass frames by compute; rerunning them costs %2</source>
        <translation>%1% der Frames im Arbeitsschritt maschinell; sie erneut zu rechnen kostet %2</translation>
    </message>
    <message>
        <source>finishes %1 · %2 working days %3</source>
        <translation>fertig %1 · %2 Arbeitstage %3</translation>
    </message>
    <message>
        <source>early</source>
        <translation>vor der Deadline</translation>
    </message>
    <message>
        <source>late</source>
        <translation>nach der Deadline</translation>
    </message>
    <message>
        <source>P50 %1 · P90 %2 (+%3%) · on time %4%</source>
        <translation>P50 %1 · P90 %2 (+%3%) · termingerecht %4%</translation>
    </message>
    <message>
        <source>%1 · %2 per frame</source>
        <translation>%1 · %2 pro Frame</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>the ffmpeg program was not found</source>
        <translation>das Programm ffmpeg wurde nicht gefunden</translation>
    </message>
    <message>
        <source>ffmpeg failed: %1</source>
        <translation>ffmpeg ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1: cannot create the demo folder: %2</source>
        <translation>%1: Demo-Ordner kann nicht angelegt werden: %2</translation>
    </message>
</context>
<context>
    <name>InfoPanel</name>
    <message>
        <source>Shot</source>
        <translation>Shot</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>Codec</translation>
    </message>
    <message>
        <source>Pixels</source>
        <translation>Pixel</translation>
    </message>
    <message>
        <source>Data window</source>
        <translation>Data Window</translation>
    </message>
    <message>
        <source>Display window</source>
        <translation>Display Window</translation>
    </message>
    <message>
        <source>Pixel aspect</source>
        <translation>Pixel-Seitenverhältnis</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Bildrate</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Frames</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Fehlend</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>Input space</source>
        <translation>Eingangsfarbraum</translation>
    </message>
    <message>
        <source>OCIO config</source>
        <translation>OCIO-Konfiguration</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>yes (master clock)</source>
        <translation>ja (Master-Clock)</translation>
    </message>
    <message>
        <source>yes, no output device</source>
        <translation>ja, kein Ausgabegerät</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>Cache budget (MiB)</source>
        <translation>Cache-Budget (MiB)</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
</context>
<context>
    <name>LabourPage</name>
    <message>
        <source>Compare metrics (rushes-cli compare --csv or --json)</source>
        <translation>Vergleichsmetriken (rushes-cli compare --csv oder --json)</translation>
    </message>
    <message>
        <source>Metrics (*.csv *.json)</source>
        <translation>Metriken (*.csv *.json)</translation>
    </message>
    <message>
        <source>Loadings</source>
        <translation>Zuschläge</translation>
    </message>
    <message>
        <source>Fringes</source>
        <translation>Lohnnebenkosten</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <source>Overhead</source>
        <translation>Gemeinkosten</translation>
    </message>
    <message>
        <source>Rework share</source>
        <translation>Nacharbeitsanteil</translation>
    </message>
    <message>
        <source>Roles (your rates)</source>
        <translation>Rollen (eigene Sätze)</translation>
    </message>
    <message>
        <source>Add role</source>
        <translation>Rolle hinzufügen</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Day rate</source>
        <translation>Tagessatz</translation>
    </message>
    <message>
        <source>Headcount</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Ramp-up</source>
        <translation>Einarbeitung</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Productivity (frames per artist-day, medium shots)</source>
        <translation>Produktivität (Frames pro Artist-Tag, mittlere Shots)</translation>
    </message>
    <message>
        <source>Add task</source>
        <translation>Aufgabe hinzufügen</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Frames/day</source>
        <translation>Frames/Tag</translation>
    </message>
    <message>
        <source>Compute can do this pass (%1)</source>
        <translation>Auch maschinell möglich (%1)</translation>
    </message>
    <message>
        <source>By hand only</source>
        <translation>Nur von Hand</translation>
    </message>
    <message>
        <source>Difficulty (productivity factor)</source>
        <translation>Schwierigkeit (Produktivitätsfaktor)</translation>
    </message>
    <message>
        <source>Easy shots</source>
        <translation>Einfache Shots</translation>
    </message>
    <message>
        <source>Medium shots</source>
        <translation>Mittlere Shots</translation>
    </message>
    <message>
        <source>Hard shots</source>
        <translation>Schwierige Shots</translation>
    </message>
    <message>
        <source>People on the AI pass</source>
        <translation>Personal für den KI-Arbeitsschritt</translation>
    </message>
    <message>
        <source>QC minutes/shot</source>
        <translation>QC-Minuten/Shot</translation>
    </message>
    <message>
        <source>Fix-up share</source>
        <translation>Nachbesserungsanteil</translation>
    </message>
    <message>
        <source>frames under</source>
        <translation>Frames unter</translation>
    </message>
    <message>
        <source>From metrics…</source>
        <translation>Aus Metriken…</translation>
    </message>
    <message>
        <source>Pipeline set-up</source>
        <translation>Pipeline-Einrichtung</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>%1 - Rushes</source>
        <translation>%1 - Rushes</translation>
    </message>
    <message>
        <source>Rushes</source>
        <translation>Rushes</translation>
    </message>
    <message>
        <source>Open movies or image sequences</source>
        <translation>Filme oder Bildsequenzen öffnen</translation>
    </message>
    <message>
        <source>Media (*.mov *.mp4 *.m4v *.mkv *.mxf *.webm *.avi *.y4m *.exr *.dpx *.png *.tif *.tiff *.jpg)</source>
        <translation>Medien (*.mov *.mp4 *.m4v *.mkv *.mxf *.webm *.avi *.y4m *.exr *.dpx *.png *.tif *.tiff *.jpg)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Hide the side panel (Tab)</source>
        <translation>Seitenleiste ausblenden (Tab)</translation>
    </message>
    <message>
        <source>Show the side panel (Tab)</source>
        <translation>Seitenleiste einblenden (Tab)</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Save the budget?</source>
        <translation>Budget speichern?</translation>
    </message>
    <message>
        <source>The production &apos;%1&apos; has changes that are not saved.</source>
        <translation>Die Produktion „%1“ hat Änderungen, die nicht gespeichert sind.</translation>
    </message>
</context>
<context>
    <name>OverflowButton</name>
    <message>
        <source>More controls</source>
        <translation>Weitere Bedienelemente</translation>
    </message>
</context>
<context>
    <name>ProcessController</name>
    <message>
        <source>frame %1 of %2</source>
        <translation>Bild %1 von %2</translation>
    </message>
    <message>
        <source>A pass is running: cancel it first.</source>
        <translation>Ein Durchgang läuft: erst abbrechen.</translation>
    </message>
    <message>
        <source>Open a shot to process first.</source>
        <translation>Zuerst eine Einstellung zum Bearbeiten öffnen.</translation>
    </message>
    <message>
        <source>Name the output: a movie (.mov, .mp4, .mkv) or a sequence (shot.%04d.exr).</source>
        <translation>Ausgabe benennen: ein Film (.mov, .mp4, .mkv) oder eine Sequenz (shot.%04d.exr).</translation>
    </message>
    <message>
        <source>%1: the output would overwrite the shot itself.</source>
        <translation>%1: Die Ausgabe würde die Einstellung selbst überschreiben.</translation>
    </message>
    <message>
        <source>Denoise strength &apos;%1&apos; must be a number, 0 or more.</source>
        <translation>Entrauschstärke &apos;%1&apos; muss eine Zahl ab 0 sein.</translation>
    </message>
    <message>
        <source>Choose a denoise or a retime.</source>
        <translation>Entrauschen oder Retime wählen.</translation>
    </message>
    <message>
        <source>%1: cannot make the folder for the output.</source>
        <translation>%1: Der Ordner für die Ausgabe lässt sich nicht anlegen.</translation>
    </message>
    <message>
        <source>Processing %1</source>
        <translation>Bearbeite %1</translation>
    </message>
    <message>
        <source>%1: %2 frames in, %3 out at %4 fps, backend %5, %6 s</source>
        <translation>%1: %2 Bilder ein, %3 aus mit %4 fps, Backend %5, %6 s</translation>
    </message>
    <message>
        <source>(denoised at noise sigma %1, estimated from the footage)</source>
        <translation>(entrauscht mit Rausch-Sigma %1, aus dem Material geschätzt)</translation>
    </message>
    <message>
        <source>(denoised at noise sigma %1 at mid-grey, growing with brightness, estimated from the footage)</source>
        <translation>(entrauscht mit Rausch-Sigma %1 bei Mittelgrau, mit der Helligkeit wachsend, aus dem Material geschätzt)</translation>
    </message>
    <message>
        <source>(denoised at noise sigma %1, estimated from the footage: grain)</source>
        <translation>(entrauscht mit Rausch-Sigma %1, aus dem Material geschätzt: Filmkorn)</translation>
    </message>
    <message>
        <source>(denoised at noise sigma %1)</source>
        <translation>(entrauscht mit Rausch-Sigma %1)</translation>
    </message>
    <message>
        <source>Cancelled after %1 frames; the frames written so far are complete.</source>
        <translation>Nach %1 Bildern abgebrochen; die bis dahin geschriebenen Bilder sind vollständig.</translation>
    </message>
    <message>
        <source>%1 exists already: choose another name.</source>
        <translation>%1 gibt es schon: einen anderen Namen wählen.</translation>
    </message>
</context>
<context>
    <name>ProcessPanel</name>
    <message>
        <source>Shot: %1</source>
        <translation>Einstellung: %1</translation>
    </message>
    <message>
        <source>Open a shot to process it.</source>
        <translation>Eine Einstellung öffnen, um sie zu bearbeiten.</translation>
    </message>
    <message>
        <source>Denoise</source>
        <translation>Entrauschen</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Auto (estimated from the footage)</source>
        <translation>Auto (aus dem Material geschätzt)</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Stärke</translation>
    </message>
    <message>
        <source>Retime</source>
        <translation>Retime</translation>
    </message>
    <message>
        <source>2x frames</source>
        <translation>2x Bilder</translation>
    </message>
    <message>
        <source>4x frames</source>
        <translation>4x Bilder</translation>
    </message>
    <message>
        <source>To a rate</source>
        <translation>Auf eine Bildrate</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>OpenCL</source>
        <translation>OpenCL</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>shot_rushes.mov or shot_rushes.%04d.exr</source>
        <translation>shot_rushes.mov oder shot_rushes.%04d.exr</translation>
    </message>
    <message>
        <source>No OpenCL device: the CPU backend runs.</source>
        <translation>Kein OpenCL-Gerät: das CPU-Backend läuft.</translation>
    </message>
    <message>
        <source>OpenCL device: %1 (Auto uses it).</source>
        <translation>OpenCL-Gerät: %1 (Auto nutzt es).</translation>
    </message>
    <message>
        <source>OpenCL device: %1, not a GPU: Auto runs on the CPU.</source>
        <translation>OpenCL-Gerät: %1, keine GPU: Auto läuft auf der CPU.</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ProductionFormat</name>
    <message>
        <source>must be a number</source>
        <translation>muss eine Zahl sein</translation>
    </message>
    <message>
        <source>is too large (got %1, at most %2)</source>
        <translation>ist zu groß (angegeben: %1, höchstens %2)</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>muss Text sein</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a date (YYYY-MM-DD)</source>
        <translation>„%1“ ist kein Datum (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <source>must be a number or {min, likely, max}</source>
        <translation>muss eine Zahl oder {min, likely, max} sein</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>muss eine Liste sein</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>muss ein Objekt sein</translation>
    </message>
    <message>
        <source>must be a finite number</source>
        <translation>muss eine endliche Zahl sein</translation>
    </message>
    <message>
        <source>needs min &lt;= likely &lt;= max (got %1 / %2 / %3)</source>
        <translation>braucht min &lt;= likely &lt;= max (angegeben: %1 / %2 / %3)</translation>
    </message>
    <message>
        <source>must be more than zero (got %1)</source>
        <translation>muss größer als null sein (angegeben: %1)</translation>
    </message>
    <message>
        <source>must not be below %1 (got %2)</source>
        <translation>darf nicht unter %1 liegen (angegeben: %2)</translation>
    </message>
    <message>
        <source>must not be above %1 (got %2)</source>
        <translation>darf nicht über %1 liegen (angegeben: %2)</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at character %2</source>
        <translation>kein gültiges JSON: %1 bei Zeichen %2</translation>
    </message>
    <message>
        <source>not a Rushes production: the file is not a JSON object</source>
        <translation>keine Rushes-Produktion: die Datei ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>missing: this is not a Rushes production file</source>
        <translation>fehlt: dies ist keine Rushes-Produktionsdatei</translation>
    </message>
    <message>
        <source>version %1 is newer than this Rushes reads (%2); update Rushes</source>
        <translation>Version %1 ist neuer als die, die dieses Rushes liest (%2); Rushes aktualisieren</translation>
    </message>
    <message>
        <source>version %1 is not a known format version</source>
        <translation>Version %1 ist keine bekannte Formatversion</translation>
    </message>
    <message>
        <source>must be a day number, Monday = 1</source>
        <translation>muss eine Tagesnummer sein, Montag = 1</translation>
    </message>
    <message>
        <source>must be a date (YYYY-MM-DD)</source>
        <translation>muss ein Datum sein (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <source>must be a three-letter ISO code such as USD or EUR (got &apos;%1&apos;)</source>
        <translation>muss ein dreistelliger ISO-Code wie USD oder EUR sein (angegeben: „%1“)</translation>
    </message>
    <message>
        <source>must be between 0 and 24 hours (got %1)</source>
        <translation>muss zwischen 0 und 24 Stunden liegen (angegeben: %1)</translation>
    </message>
    <message>
        <source>needs at least one working day</source>
        <translation>braucht mindestens einen Arbeitstag</translation>
    </message>
    <message>
        <source>must be a day number from 1 (Monday) to 7 (Sunday)</source>
        <translation>muss eine Tagesnummer von 1 (Montag) bis 7 (Sonntag) sein</translation>
    </message>
    <message>
        <source>needs a start date</source>
        <translation>braucht ein Anfangsdatum</translation>
    </message>
    <message>
        <source>needs a deadline</source>
        <translation>braucht eine Deadline</translation>
    </message>
    <message>
        <source>%1 is before the start (%2)</source>
        <translation>%1 liegt vor dem Beginn (%2)</translation>
    </message>
    <message>
        <source>must be a width in pixels (got %1)</source>
        <translation>muss eine Breite in Pixeln sein (angegeben: %1)</translation>
    </message>
    <message>
        <source>must be a height in pixels (got %1)</source>
        <translation>muss eine Höhe in Pixeln sein (angegeben: %1)</translation>
    </message>
    <message>
        <source>must be a factor from 1 to 16 (got %1)</source>
        <translation>muss ein Faktor von 1 bis 16 sein (angegeben: %1)</translation>
    </message>
    <message>
        <source>must be easy, medium or hard (got &apos;%1&apos;)</source>
        <translation>muss easy, medium oder hard sein (angegeben: „%1“)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a task in labour.tasks</source>
        <translation>„%1“ ist keine Aufgabe in labour.tasks</translation>
    </message>
    <message>
        <source>must be a percentage from 0 to 1000 (got %1)</source>
        <translation>muss ein Prozentwert von 0 bis 1000 sein (angegeben: %1)</translation>
    </message>
    <message>
        <source>must be more than zero</source>
        <translation>muss größer als null sein</translation>
    </message>
    <message>
        <source>needs an id</source>
        <translation>braucht eine ID</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is used twice</source>
        <translation>„%1“ wird zweimal verwendet</translation>
    </message>
    <message>
        <source>must not be negative (got %1)</source>
        <translation>darf nicht negativ sein (angegeben: %1)</translation>
    </message>
    <message>
        <source>needs at least one person (got %1)</source>
        <translation>braucht mindestens eine Person (angegeben: %1)</translation>
    </message>
    <message>
        <source>must be from 0 to 3650 days (got %1)</source>
        <translation>muss zwischen 0 und 3650 Tagen liegen (angegeben: %1)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a role in labour.roles</source>
        <translation>„%1“ ist keine Rolle in labour.roles</translation>
    </message>
    <message>
        <source>must be empty, denoise or retime (got &apos;%1&apos;)</source>
        <translation>muss leer, denoise oder retime sein (angegeben: „%1“)</translation>
    </message>
    <message>
        <source>must be on_demand, spot or on_prem (got &apos;%1&apos;)</source>
        <translation>muss on_demand, spot oder on_prem sein (angegeben: „%1“)</translation>
    </message>
    <message>
        <source>needs at least one unit (got %1)</source>
        <translation>braucht mindestens eine Einheit (angegeben: %1)</translation>
    </message>
    <message>
        <source>must be between 0 and 8784 (got %1)</source>
        <translation>muss zwischen 0 und 8784 liegen (angegeben: %1)</translation>
    </message>
    <message>
        <source>needs a resolution</source>
        <translation>braucht eine Auflösung</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation>darf nicht negativ sein</translation>
    </message>
    <message>
        <source>needs at least one scenario</source>
        <translation>braucht mindestens ein Szenario</translation>
    </message>
    <message>
        <source>needs a name</source>
        <translation>braucht einen Namen</translation>
    </message>
    <message>
        <source>must be a share from 0 to 1 (got %1)</source>
        <translation>muss ein Anteil von 0 bis 1 sein (angegeben: %1)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is done by hand only: it has no compute operation</source>
        <translation>„%1“ wird nur von Hand erledigt: dafür gibt es keine maschinelle Operation</translation>
    </message>
    <message>
        <source>%1 has no measured throughput for %2: import a bench</source>
        <translation>%1 hat keinen gemessenen Durchsatz für %2: einen Benchmark importieren</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not in compute.hardware</source>
        <translation>„%1“ ist nicht in compute.hardware</translation>
    </message>
    <message>
        <source>must be from 1 to 1,000,000 (got %1)</source>
        <translation>muss zwischen 1 und 1.000.000 liegen (angegeben: %1)</translation>
    </message>
    <message>
        <source>the bench output is not JSON: %1 at character %2</source>
        <translation>die Benchmark-Ausgabe ist kein JSON: %1 bei Zeichen %2</translation>
    </message>
    <message>
        <source>the bench output has no version</source>
        <translation>die Benchmark-Ausgabe hat keine Version</translation>
    </message>
    <message>
        <source>bench format version %1 is not one this Rushes reads (1)</source>
        <translation>Benchmark-Formatversion %1 kann dieses Rushes nicht lesen (es liest 1)</translation>
    </message>
    <message>
        <source>bench result %1 (%2) has no usable width, height or ms_per_frame</source>
        <translation>Benchmark-Ergebnis %1 (%2) hat keine brauchbaren Werte für width, height oder ms_per_frame</translation>
    </message>
    <message>
        <source>the bench output has no denoise or retime results</source>
        <translation>die Benchmark-Ausgabe enthält keine Ergebnisse für denoise oder retime</translation>
    </message>
    <message>
        <source>rushes-cli bench on %1 (%2 cores)%3</source>
        <translation>rushes-cli bench auf %1 (%2 Kerne)%3</translation>
    </message>
    <message>
        <source>, OpenCL %1</source>
        <translation>, OpenCL %1</translation>
    </message>
</context>
<context>
    <name>ProductionPage</name>
    <message>
        <source>Import shots from CSV</source>
        <translation>Shots aus CSV importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Currency (ISO)</source>
        <translation>Währung (ISO)</translation>
    </message>
    <message>
        <source>Start (YYYY-MM-DD)</source>
        <translation>Beginn (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Working hours a day</source>
        <translation>Arbeitsstunden pro Tag</translation>
    </message>
    <message>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Arbeitstage</translation>
    </message>
    <message>
        <source>Mo</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>Tu</source>
        <translation>Di</translation>
    </message>
    <message>
        <source>We</source>
        <translation>Mi</translation>
    </message>
    <message>
        <source>Th</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Fr</source>
        <translation>Fr</translation>
    </message>
    <message>
        <source>Sa</source>
        <translation>Sa</translation>
    </message>
    <message>
        <source>Su</source>
        <translation>So</translation>
    </message>
    <message>
        <source>Shots (%1, %2 frames)</source>
        <translation>Shots (%1, %2 Frames)</translation>
    </message>
    <message numerus="yes">
        <source>Use the %n open shot(s)</source>
        <translation>
            <numerusform>Den %n offenen Shot übernehmen</numerusform>
            <numerusform>Die %n offenen Shots übernehmen</numerusform>
        </translation>
    </message>
    <message>
        <source>Add shot</source>
        <translation>Shot hinzufügen</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>CSV importieren…</translation>
    </message>
    <message>
        <source>fr</source>
        <translation>fr</translation>
    </message>
    <message>
        <source>easy</source>
        <translation>einfach</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>hard</source>
        <translation>schwer</translation>
    </message>
    <message>
        <source>Remove this shot</source>
        <translation>Diesen Shot entfernen</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> fps</translation>
    </message>
</context>
<context>
    <name>ProjectStore</name>
    <message>
        <source>cannot open</source>
        <translation>kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>the Qt SQL driver %1 is not installed</source>
        <translation>der Qt-SQL-Treiber %1 ist nicht installiert</translation>
    </message>
    <message>
        <source>cannot connect</source>
        <translation>keine Verbindung möglich</translation>
    </message>
    <message>
        <source>no dbname= in the connection string</source>
        <translation>kein dbname= in der Verbindungsangabe</translation>
    </message>
    <message>
        <source>project store: no file name given</source>
        <translation>Projektspeicher: kein Dateiname angegeben</translation>
    </message>
    <message>
        <source>cannot connect to the database server</source>
        <translation>keine Verbindung zum Datenbankserver</translation>
    </message>
    <message>
        <source>cannot open the project file</source>
        <translation>die Projektdatei kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>cannot create the schema</source>
        <translation>das Schema kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>the store has schema version %1, newer than this Rushes understands (%2); update Rushes</source>
        <translation>der Speicher hat die Schemaversion %1, neuer als die, die dieses Rushes versteht (%2); Rushes aktualisieren</translation>
    </message>
    <message>
        <source>cannot migrate</source>
        <translation>Migration nicht möglich</translation>
    </message>
    <message>
        <source>cannot migrate to schema version %1</source>
        <translation>Migration auf Schemaversion %1 nicht möglich</translation>
    </message>
    <message>
        <source>cannot create production &apos;%1&apos;</source>
        <translation>Produktion „%1“ kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot save</source>
        <translation>kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>the database connection is closed</source>
        <translation>die Datenbankverbindung ist geschlossen</translation>
    </message>
    <message>
        <source>cannot save %1 &apos;%2&apos;</source>
        <translation>%1 „%2“ kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>the new document has no id</source>
        <translation>das neue Dokument hat keine ID</translation>
    </message>
    <message>
        <source>cannot load</source>
        <translation>kann nicht geladen werden</translation>
    </message>
    <message>
        <source>no %1 &apos;%2&apos; in production &apos;%3&apos;</source>
        <translation>%1 „%2“ gibt es in der Produktion „%3“ nicht</translation>
    </message>
    <message>
        <source>cannot load %1 &apos;%2&apos;</source>
        <translation>%1 „%2“ kann nicht geladen werden</translation>
    </message>
    <message>
        <source>no revision %1</source>
        <translation>keine Revision %1</translation>
    </message>
</context>
<context>
    <name>RangeField</name>
    <message>
        <source>Minimum</source>
        <translation>Minimum</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>Most likely</source>
        <translation>Wahrscheinlichster Wert</translation>
    </message>
</context>
<context>
    <name>RiskPage</name>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>P50</source>
        <translation>P50</translation>
    </message>
    <message>
        <source>P80</source>
        <translation>P80</translation>
    </message>
    <message>
        <source>P90</source>
        <translation>P90</translation>
    </message>
    <message>
        <source>done %1</source>
        <translation>fertig %1</translation>
    </message>
    <message>
        <source>%1 runs, seed %2 · on time in %3% of runs</source>
        <translation>%1 Durchläufe, Seed %2 · termingerecht in %3% der Durchläufe</translation>
    </message>
    <message>
        <source>Total cost: distribution and S-curve (thousands of %1)</source>
        <translation>Gesamtkosten: Verteilung und S-Kurve (Tausend %1)</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>Verteilung</translation>
    </message>
    <message>
        <source>Probability of costing less</source>
        <translation>Wahrscheinlichkeit geringerer Kosten</translation>
    </message>
    <message>
        <source>P50 / P80 / P90</source>
        <translation>P50 / P80 / P90</translation>
    </message>
    <message>
        <source>What moves the total most (change, thousands of %1)</source>
        <translation>Was die Gesamtsumme am stärksten beeinflusst (Änderung, Tausend %1)</translation>
    </message>
    <message>
        <source>Input at its minimum</source>
        <translation>Eingabe auf Minimum</translation>
    </message>
    <message>
        <source>Input at its maximum</source>
        <translation>Eingabe auf Maximum</translation>
    </message>
    <message>
        <source>Break-even: %1 against %2</source>
        <translation>Break-even: %1 gegenüber %2</translation>
    </message>
    <message>
        <source>%1 is cheaper from %2 pass frames; this production has %3.</source>
        <translation>%1 ist ab %2 Frames im Arbeitsschritt günstiger; diese Produktion hat %3.</translation>
    </message>
    <message>
        <source>%1 does not get cheaper than %2 up to four times this production.</source>
        <translation>%1 wird bis zum Vierfachen dieser Produktion nicht günstiger als %2.</translation>
    </message>
    <message>
        <source>pass frames</source>
        <translation>Frames im Arbeitsschritt</translation>
    </message>
    <message>
        <source>Break-even</source>
        <translation>Break-even</translation>
    </message>
</context>
<context>
    <name>ScenariosPage</name>
    <message>
        <source>Scenarios</source>
        <translation>Szenarien</translation>
    </message>
    <message>
        <source>Add scenario</source>
        <translation>Szenario hinzufügen</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>hand</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <source>compute</source>
        <translation>maschinell</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2/frame · finishes %3 (%4)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2/Frame · fertig %3 (%4)</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) early</source>
        <translation>
            <numerusform>%n Arbeitstag vor der Deadline</numerusform>
            <numerusform>%n Arbeitstage vor der Deadline</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) late</source>
        <translation>
            <numerusform>%n Arbeitstag nach der Deadline</numerusform>
            <numerusform>%n Arbeitstage nach der Deadline</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 artist-days paid (%2% productive) · %3 device-hours (%4% of the units&apos; time)</source>
        <translation>%1 bezahlte Artist-Tage (%2% produktiv) · %3 Gerätestunden (%4% der verfügbaren Gerätezeit)</translation>
    </message>
    <message>
        <source>Cost by category (thousands of %1)</source>
        <translation>Kosten nach Kategorie (Tausend %1)</translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Rechenleistung</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Overhead</source>
        <translation>Gemeinkosten</translation>
    </message>
    <message>
        <source>Schedule (calendar days from the start)</source>
        <translation>Zeitplan (Kalendertage ab Beginn)</translation>
    </message>
    <message>
        <source>Artists</source>
        <translation>Artists</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Gegenüberstellung</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
</context>
<context>
    <name>SessionStrip</name>
    <message>
        <source>cannot be played</source>
        <translation>nicht abspielbar</translation>
    </message>
    <message>
        <source>%1  %2 fps  %3 frames</source>
        <translation>%1  %2 fps  %3 Frames</translation>
    </message>
    <message>
        <source>Close this shot</source>
        <translation>Diesen Shot schließen</translation>
    </message>
    <message>
        <source>No shots in this session</source>
        <translation>Keine Shots in dieser Session</translation>
    </message>
    <message>
        <source>truncated  %1 fps  %2 frames</source>
        <translation>abgeschnitten  %1 fps  %2 Frames</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>First frame (Home)</source>
        <translation>Erster Frame (Pos1)</translation>
    </message>
    <message>
        <source>Back 10 frames (Shift+Left)</source>
        <translation>10 Frames zurück (Umschalt+Links)</translation>
    </message>
    <message>
        <source>Previous frame (Left)</source>
        <translation>Vorheriger Frame (Links)</translation>
    </message>
    <message>
        <source>Play backwards (J)</source>
        <translation>Rückwärts abspielen (J)</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>Wiedergabe / Pause (Leertaste)</translation>
    </message>
    <message>
        <source>Next frame (Right)</source>
        <translation>Nächster Frame (Rechts)</translation>
    </message>
    <message>
        <source>Forward 10 frames (Shift+Right)</source>
        <translation>10 Frames vor (Umschalt+Rechts)</translation>
    </message>
    <message>
        <source>Last frame (End)</source>
        <translation>Letzter Frame (Ende)</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>Schleife</translation>
    </message>
    <message>
        <source>Ping-pong</source>
        <translation>Ping-Pong</translation>
    </message>
    <message>
        <source>Once</source>
        <translation>Einmal</translation>
    </message>
    <message>
        <source>In</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Set the in point (I)</source>
        <translation>In-Punkt setzen (I)</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Out</translation>
    </message>
    <message>
        <source>Set the out point (O)</source>
        <translation>Out-Punkt setzen (O)</translation>
    </message>
    <message>
        <source>Clear in and out</source>
        <translation>In- und Out-Punkt löschen</translation>
    </message>
    <message>
        <source>%1 - %2</source>
        <translation>%1 - %2</translation>
    </message>
    <message>
        <source>Muted</source>
        <translation>Stumm</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>Ton</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <source>No audio device: the picture follows the system clock</source>
        <translation>Kein Audiogerät: Das Bild folgt der Systemuhr</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>Gehe zu</translation>
    </message>
    <message>
        <source>frame or timecode</source>
        <translation>Frame oder Timecode</translation>
    </message>
    <message>
        <source>All frames</source>
        <translation>Alle Frames</translation>
    </message>
    <message>
        <source>Play every frame: slower, without sound, when decoding cannot keep the rate (off: keep the rate and skip frames)</source>
        <translation>Jeden Frame abspielen: langsamer und ohne Ton, wenn das Dekodieren die Rate nicht hält (aus: die Rate halten und Frames auslassen)</translation>
    </message>
    <message>
        <source>Go to a frame number or timecode (Ctrl+G)</source>
        <translation>Zu einer Framenummer oder einem Timecode springen (Strg+G)</translation>
    </message>
</context>
<context>
    <name>ViewToolbar</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open movies or sequences (Ctrl+O)</source>
        <translation>Filme oder Sequenzen öffnen (Strg+O)</translation>
    </message>
    <message>
        <source>Recent ▾</source>
        <translation>Zuletzt ▾</translation>
    </message>
    <message>
        <source>Recently opened files</source>
        <translation>Zuletzt geöffnete Dateien</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit the image to the view (F)</source>
        <translation>Bild in die Ansicht einpassen (F)</translation>
    </message>
    <message>
        <source>One image pixel per screen pixel</source>
        <translation>Ein Bildpixel pro Bildschirmpixel</translation>
    </message>
    <message>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <source>Luma</source>
        <translation>Luma</translation>
    </message>
    <message>
        <source>Show channel %1</source>
        <translation>Kanal %1 anzeigen</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>Belichtung</translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation>Gamma</translation>
    </message>
    <message>
        <source>Input colour space of this shot (from metadata; override here)</source>
        <translation>Eingangsfarbraum dieses Shots (aus den Metadaten; hier überschreibbar)</translation>
    </message>
    <message>
        <source>OpenColorIO view (%1)</source>
        <translation>OpenColorIO-View (%1)</translation>
    </message>
    <message>
        <source>HUD</source>
        <translation>HUD</translation>
    </message>
    <message>
        <source>Heads-up display (Ctrl+H)</source>
        <translation>Heads-up-Display (Strg+H)</translation>
    </message>
</context>
<context>
    <name>ViewerPanel</name>
    <message>
        <source>Drop movies or image sequences here, or press Ctrl+O</source>
        <translation>Filme oder Bildsequenzen hierher ziehen oder Strg+O drücken</translation>
    </message>
    <message>
        <source>%1  %2 fps  %3x%4</source>
        <translation>%1  %2 fps  %3x%4</translation>
    </message>
    <message>
        <source>frame %1   playing %2 fps   dropped %3</source>
        <translation>Frame %1   Wiedergabe %2 fps   verworfen %3</translation>
    </message>
    <message>
        <source>frame %1   paused   dropped %3</source>
        <translation>Frame %1   pausiert   verworfen %3</translation>
    </message>
    <message>
        <source>cache %1 (%2%)</source>
        <translation>Cache %1 (%2%)</translation>
    </message>
    <message>
        <source>zoom %1%   %2 / %3%4</source>
        <translation>Zoom %1%   %2 / %3%4</translation>
    </message>
    <message>
        <source>   exposure %1</source>
        <translation>   Belichtung %1</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>frame %1   buffering %2%   dropped %3</source>
        <translation>Frame %1   puffert %2%   verworfen %3</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Rushes: review dailies.</source>
        <translation>Rushes: Dailies sichten.</translation>
    </message>
    <message>
        <source>Movies, image sequences or folders to open.</source>
        <translation>Zu öffnende Filme, Bildsequenzen oder Ordner.</translation>
    </message>
    <message>
        <source>Go to frame number N.</source>
        <translation>Zu Frame-Nummer N springen.</translation>
    </message>
    <message>
        <source>Render the window to OUT.png and exit.</source>
        <translation>Fenster nach OUT.png rendern und beenden.</translation>
    </message>
    <message>
        <source>Play FILE and print playback figures.</source>
        <translation>FILE abspielen und Wiedergabe-Kennzahlen ausgeben.</translation>
    </message>
    <message>
        <source>Benchmark length.</source>
        <translation>Länge des Benchmarks.</translation>
    </message>
    <message>
        <source>Benchmark figures as JSON.</source>
        <translation>Benchmark-Kennzahlen als JSON.</translation>
    </message>
    <message>
        <source>Benchmark scrubbing to random frames instead of playing.</source>
        <translation>Scrubbing zu zufälligen Bildern messen statt abzuspielen.</translation>
    </message>
    <message>
        <source>Skip the ffmpeg anchor.</source>
        <translation>ffmpeg-Vergleichsmessung überspringen.</translation>
    </message>
    <message>
        <source>Make (on first run) and open the demo production.</source>
        <translation>Demo-Produktion (beim ersten Start) anlegen und öffnen.</translation>
    </message>
    <message>
        <source>Window size WxH.</source>
        <translation>Fenstergröße WxH.</translation>
    </message>
    <message>
        <source>Exposure in stops.</source>
        <translation>Belichtung in Blendenstufen.</translation>
    </message>
    <message>
        <source>Hide the heads-up display.</source>
        <translation>Heads-up-Display ausblenden.</translation>
    </message>
    <message>
        <source>Channel: rgb, r, g, b, a, luma.</source>
        <translation>Kanal: rgb, r, g, b, a, luma.</translation>
    </message>
    <message>
        <source>Run the stall_probe executable PROBE beside the benchmark as a witness.</source>
        <translation>Das Programm stall_probe (PROBE) als Zeugen neben dem Benchmark laufen lassen.</translation>
    </message>
    <message>
        <source>Benchmark playing every frame (slower rather than skipping).</source>
        <translation>Benchmark, der jedes Bild zeigt (lieber langsamer als Bilder auslassen).</translation>
    </message>
    <message>
        <source>Side panel to show: budget, info or process.</source>
        <translation>Anzuzeigende Seitenleiste: budget, info oder process.</translation>
    </message>
</context>
<context>
    <name>rushes::budget::BudgetController</name>
    <message>
        <source>Example production: edit it, or use the shots open in the session</source>
        <translation>Beispielproduktion: bearbeiten oder die in der Session geöffneten Shots übernehmen</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>Shot %1</translation>
    </message>
    <message>
        <source>New role</source>
        <translation>Neue Rolle</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Neue Aufgabe</translation>
    </message>
    <message>
        <source>Scenario %1</source>
        <translation>Szenario %1</translation>
    </message>
    <message>
        <source>No shots are open in the session</source>
        <translation>In der Session sind keine Shots geöffnet</translation>
    </message>
    <message numerus="yes">
        <source>%n shot(s) taken from the session</source>
        <translation>
            <numerusform>%n Shot aus der Session übernommen</numerusform>
            <numerusform>%n Shots aus der Session übernommen</numerusform>
        </translation>
    </message>
    <message>
        <source>Example production loaded</source>
        <translation>Beispielproduktion geladen</translation>
    </message>
    <message>
        <source>Not a production file: %1</source>
        <translation>Keine Produktionsdatei: %1</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>Cannot open: version: %1</source>
        <translation>Kann nicht geöffnet werden: Version: %1</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1: kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>%1: the file is empty</source>
        <translation>%1: die Datei ist leer</translation>
    </message>
    <message>
        <source>%1: line 1 needs a header with at least name and frames</source>
        <translation>%1: Zeile 1 braucht eine Kopfzeile mit mindestens name und frames</translation>
    </message>
    <message>
        <source>%1: line %2: frames &apos;%3&apos; is not a positive whole number</source>
        <translation>%1: Zeile %2: frames „%3“ ist keine positive ganze Zahl</translation>
    </message>
    <message numerus="yes">
        <source>%n shot(s) imported from %1</source>
        <translation>
            <numerusform>%n Shot aus %1 importiert</numerusform>
            <numerusform>%n Shots aus %1 importiert</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: no &apos;%2&apos; column in the first line</source>
        <translation>%1: keine Spalte „%2“ in der ersten Zeile</translation>
    </message>
    <message>
        <source>%1: no per-frame %2 values</source>
        <translation>%1: keine %2-Werte pro Frame</translation>
    </message>
    <message>
        <source>Fix-up share %1%: %2 of %3 frames under %4 %5</source>
        <translation>Nachbesserungsanteil %1%: %2 von %3 Frames unter %4 %5</translation>
    </message>
    <message>
        <source>No hardware %1 to import the bench into</source>
        <translation>Keine Hardware %1, in die der Benchmark importiert werden kann</translation>
    </message>
    <message>
        <source>Bench not imported: %1</source>
        <translation>Benchmark nicht importiert: %1</translation>
    </message>
    <message>
        <source>Throughput measured: %1</source>
        <translation>Durchsatz gemessen: %1</translation>
    </message>
    <message>
        <source>Measuring this machine (rushes-cli bench)...</source>
        <translation>Dieser Rechner wird gemessen (rushes-cli bench)...</translation>
    </message>
    <message>
        <source>%1 bench failed (exit %2): %3</source>
        <translation>%1 bench fehlgeschlagen (Exit-Code %2): %3</translation>
    </message>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>%1 kann nicht ausgeführt werden: %2</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Untitled production</source>
        <translation>Unbenannte Produktion</translation>
    </message>
    <message>
        <source>saved from the Budget panel</source>
        <translation>aus dem Budget-Panel gespeichert</translation>
    </message>
    <message>
        <source>Saved &apos;%1&apos;, revision %2</source>
        <translation>„%1“ gespeichert, Revision %2</translation>
    </message>
    <message>
        <source>Opened &apos;%1&apos; from the project</source>
        <translation>„%1“ aus dem Projekt geöffnet</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1: kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Fix the highlighted fields before exporting</source>
        <translation>Vor dem Export die markierten Felder korrigieren</translation>
    </message>
    <message>
        <source>The saved production cannot be opened (%1): showing the example; the project store is left untouched</source>
        <translation>Die gespeicherte Produktion lässt sich nicht öffnen (%1): das Beispiel wird gezeigt; der Projektspeicher bleibt unverändert</translation>
    </message>
</context>
<context>
    <name>rushes::codecs::Messages</name>
    <message>
        <source>cannot open audio: %1</source>
        <translation>Ton kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>cannot read audio stream information: %1</source>
        <translation>Angaben zur Tonspur können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>no audio stream %1</source>
        <translation>keine Tonspur %1</translation>
    </message>
    <message>
        <source>no decoder for audio codec %1</source>
        <translation>kein Decoder für den Audio-Codec %1</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>nicht genug Arbeitsspeicher</translation>
    </message>
    <message>
        <source>cannot open the %1 decoder: %2</source>
        <translation>der Decoder %1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>audio stream has no usable channel layout</source>
        <translation>Tonspur hat keine brauchbare Kanalbelegung</translation>
    </message>
    <message>
        <source>cannot set up resampling: %1</source>
        <translation>Umrechnung der Abtastrate lässt sich nicht einrichten: %1</translation>
    </message>
    <message>
        <source>cannot seek in the audio: %1</source>
        <translation>Springen im Ton nicht möglich: %1</translation>
    </message>
    <message>
        <source>bad sample rate %1</source>
        <translation>ungültige Abtastrate %1</translation>
    </message>
    <message>
        <source>bad sample count</source>
        <translation>ungültige Anzahl an Samples</translation>
    </message>
    <message>
        <source>unknown pixel format</source>
        <translation>unbekanntes Pixelformat</translation>
    </message>
    <message>
        <source>cannot convert from %1</source>
        <translation>Umwandlung aus %1 nicht möglich</translation>
    </message>
    <message>
        <source>colour conversion failed: %1</source>
        <translation>Farbumwandlung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>frame %1 is missing</source>
        <translation>Frame %1 fehlt</translation>
    </message>
    <message>
        <source>frame has no pixels</source>
        <translation>Frame hat keine Pixel</translation>
    </message>
    <message>
        <source>frame data is too short</source>
        <translation>Frame-Daten sind zu kurz</translation>
    </message>
    <message>
        <source>unknown pixel format %1</source>
        <translation>unbekanntes Pixelformat %1</translation>
    </message>
    <message>
        <source>bad frame geometry</source>
        <translation>ungültige Frame-Geometrie</translation>
    </message>
    <message>
        <source>frame has too few planes</source>
        <translation>Frame hat zu wenige Ebenen</translation>
    </message>
    <message>
        <source>frame plane %1 is too short</source>
        <translation>Frame-Ebene %1 ist zu kurz</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>cannot read: cannot seek</source>
        <translation>kann nicht gelesen werden: Springen in der Datei nicht möglich</translation>
    </message>
    <message>
        <source>cannot read: cannot tell size</source>
        <translation>kann nicht gelesen werden: Größe nicht ermittelbar</translation>
    </message>
    <message>
        <source>cannot read: file too large (%1 bytes)</source>
        <translation>kann nicht gelesen werden: Datei zu groß (%1 Bytes)</translation>
    </message>
    <message>
        <source>cannot read: read error</source>
        <translation>kann nicht gelesen werden: Lesefehler</translation>
    </message>
    <message>
        <source>cannot put the finished file in place: %1</source>
        <translation>die fertige Datei lässt sich nicht an ihren Platz bringen: %1</translation>
    </message>
    <message>
        <source>image is %1x%2, the writer was opened for %3x%4</source>
        <translation>Bild ist %1x%2, die Ausgabe wurde für %3x%4 geöffnet</translation>
    </message>
    <message>
        <source>image data has the wrong size</source>
        <translation>Bilddaten haben die falsche Größe</translation>
    </message>
    <message>
        <source>cannot write WAV: %1</source>
        <translation>WAV kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>cannot create: %1</source>
        <translation>kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>cannot write the header: %1</source>
        <translation>Header kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>unknown movie codec &apos;%1&apos;</source>
        <translation>unbekannter Film-Codec „%1“</translation>
    </message>
    <message>
        <source>this FFmpeg has no %1 encoder</source>
        <translation>dieses FFmpeg hat keinen %1-Encoder</translation>
    </message>
    <message>
        <source>no container is known for this extension</source>
        <translation>für diese Endung ist kein Container bekannt</translation>
    </message>
    <message>
        <source>cannot write this container: %1</source>
        <translation>dieser Container kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>cannot open the %1 encoder: %2</source>
        <translation>der Encoder %1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>cannot convert RGBA to the encoder&apos;s format</source>
        <translation>RGBA lässt sich nicht in das Format des Encoders umwandeln</translation>
    </message>
    <message>
        <source>audio sample rate %1 is not supported (8000-384000)</source>
        <translation>Abtastrate %1 wird nicht unterstützt (8000-384000)</translation>
    </message>
    <message>
        <source>audio channel count %1 is not supported (1-16)</source>
        <translation>Kanalzahl %1 wird nicht unterstützt (1-16)</translation>
    </message>
    <message>
        <source>the writer is finished</source>
        <translation>die Ausgabe ist bereits abgeschlossen</translation>
    </message>
    <message>
        <source>the writer was opened without a sound track</source>
        <translation>die Ausgabe wurde ohne Tonspur geöffnet</translation>
    </message>
    <message>
        <source>audio is %1 channels at %2 Hz, the writer was opened for %3 at %4</source>
        <translation>Ton hat %1 Kanäle mit %2 Hz, die Ausgabe wurde für %3 mit %4 geöffnet</translation>
    </message>
    <message>
        <source>encoding failed: %1</source>
        <translation>Kodierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cannot write: %1</source>
        <translation>kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>a sound file takes no pictures</source>
        <translation>eine Tondatei nimmt keine Bilder auf</translation>
    </message>
    <message>
        <source>cannot finish the file: %1</source>
        <translation>die Datei lässt sich nicht abschließen: %1</translation>
    </message>
    <message>
        <source>the folder %1 does not exist</source>
        <translation>der Ordner %1 existiert nicht</translation>
    </message>
    <message>
        <source>this FFmpeg has no PNG encoder</source>
        <translation>dieses FFmpeg hat keinen PNG-Encoder</translation>
    </message>
    <message>
        <source>cannot open the PNG encoder: %1</source>
        <translation>der PNG-Encoder lässt sich nicht öffnen: %1</translation>
    </message>
    <message>
        <source>PNG encoding failed: %1</source>
        <translation>PNG-Kodierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cannot finish: %1</source>
        <translation>kann nicht abgeschlossen werden: %1</translation>
    </message>
    <message>
        <source>cannot write: unknown error</source>
        <translation>kann nicht geschrieben werden: unbekannter Fehler</translation>
    </message>
    <message>
        <source>the sequence has no name to give its WAV</source>
        <translation>die Sequenz hat keinen Namen, den ihre WAV-Datei tragen könnte</translation>
    </message>
    <message>
        <source>bad picture size %1x%2</source>
        <translation>ungültige Bildgröße %1x%2</translation>
    </message>
    <message>
        <source>bad frame rate %1/%2</source>
        <translation>ungültige Framerate %1/%2</translation>
    </message>
    <message>
        <source>is a folder: name the file to write (such as out.mov or out.####.exr)</source>
        <translation>ist ein Ordner: die zu schreibende Datei nennen (etwa out.mov oder out.####.exr)</translation>
    </message>
    <message>
        <source>has no extension: movies are .mov, .mxf, .mp4 or .mkv, image sequences name.####.exr, .dpx or .png</source>
        <translation>hat keine Endung: Filme sind .mov, .mxf, .mp4 oder .mkv, Bildsequenzen name.####.exr, .dpx oder .png</translation>
    </message>
    <message>
        <source>cannot write .%1 files: movies are .mov, .mxf, .mp4 or .mkv, image sequences name.####.exr, .dpx or .png</source>
        <translation>.%1-Dateien können nicht geschrieben werden: Filme sind .mov, .mxf, .mp4 oder .mkv, Bildsequenzen name.####.exr, .dpx oder .png</translation>
    </message>
    <message>
        <source>the extension does not match the codec %1</source>
        <translation>die Endung passt nicht zum Codec %1</translation>
    </message>
    <message>
        <source>a %1 movie is written as .mov, .mxf, .mp4 or .mkv</source>
        <translation>ein %1-Film wird als .mov, .mxf, .mp4 oder .mkv geschrieben</translation>
    </message>
    <message>
        <source>MP4 carries H.264 here: write %1 as .mov, .mxf or .mkv</source>
        <translation>MP4 enthält hier H.264: %1 als .mov, .mxf oder .mkv schreiben</translation>
    </message>
    <message>
        <source>MXF carries DNxHR or H.264 here: write %1 as .mov or .mkv</source>
        <translation>MXF enthält hier DNxHR oder H.264: %1 als .mov oder .mkv schreiben</translation>
    </message>
    <message>
        <source>%1 needs an even picture size</source>
        <translation>%1 braucht eine gerade Bildgröße</translation>
    </message>
    <message>
        <source>h264 needs an even picture size</source>
        <translation>h264 braucht eine gerade Bildgröße</translation>
    </message>
    <message>
        <source>the output is the input&apos;s file %1: writing it would destroy what is being read; choose another output name</source>
        <translation>die Ausgabe ist die Eingabedatei %1: sie zu schreiben würde zerstören, was gerade gelesen wird; einen anderen Ausgabenamen wählen</translation>
    </message>
    <message>
        <source>truncated: the file ends inside its &apos;%1&apos; box (%2 of the %3 bytes it needs), before the &apos;moov&apos; box that says where each frame is: no frame can be found</source>
        <translation>abgeschnitten: die Datei endet in ihrer „%1“-Box (%2 der %3 Bytes, die sie braucht), vor der „moov“-Box, die angibt, wo jeder Frame liegt: kein Frame ist auffindbar</translation>
    </message>
    <message>
        <source>no &apos;moov&apos; box (the movie header that says where each frame is): a recording or copy that was never finished, or a damaged file</source>
        <translation>keine „moov“-Box (der Film-Header, der angibt, wo jeder Frame liegt): eine nie abgeschlossene Aufnahme oder Kopie oder eine beschädigte Datei</translation>
    </message>
    <message>
        <source>not a movie FFmpeg can read (damaged, or not a media file: %1)</source>
        <translation>kein Film, den FFmpeg lesen kann (beschädigt oder keine Mediendatei: %1)</translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation>kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>cannot read stream information: %1</source>
        <translation>Angaben zu den Spuren können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>no video stream (%1)</source>
        <translation>keine Videospur (%1)</translation>
    </message>
    <message>
        <source>video stream has no picture size</source>
        <translation>Videospur hat keine Bildgröße</translation>
    </message>
    <message>
        <source>picture size %1x%2 is larger than supported</source>
        <translation>Bildgröße %1x%2 ist größer als unterstützt</translation>
    </message>
    <message>
        <source>no complete video frame (file damaged or truncated)</source>
        <translation>kein vollständiger Video-Frame (Datei beschädigt oder abgeschnitten)</translation>
    </message>
    <message>
        <source>the video stream has no frames</source>
        <translation>die Videospur hat keine Frames</translation>
    </message>
    <message>
        <source>no decoder for codec %1</source>
        <translation>kein Decoder für den Codec %1</translation>
    </message>
    <message>
        <source>bad codec parameters: %1</source>
        <translation>ungültige Codec-Parameter: %1</translation>
    </message>
    <message>
        <source>truncated: the data ends after %1 of the %2 frames the container lists (frames %1-%3 are missing)</source>
        <translation>abgeschnitten: die Daten enden nach %1 der %2 Frames, die der Container aufführt (die Frames %1-%3 fehlen)</translation>
    </message>
    <message>
        <source>truncated: the data ends after %1 frames, of about %2 in the container&apos;s duration (frames from %1 on are missing)</source>
        <translation>abgeschnitten: die Daten enden nach %1 von etwa %2 Frames laut Dauer des Containers (die Frames ab %1 fehlen)</translation>
    </message>
    <message>
        <source>truncated: the data ends after %1 frames (the rest of the file is missing)</source>
        <translation>abgeschnitten: die Daten enden nach %1 Frames (der Rest der Datei fehlt)</translation>
    </message>
    <message>
        <source>cannot seek to frame %1: %2</source>
        <translation>Sprung zu Frame %1 nicht möglich: %2</translation>
    </message>
    <message>
        <source>frame %1 could not be decoded</source>
        <translation>Frame %1 konnte nicht dekodiert werden</translation>
    </message>
    <message>
        <source>frame %1 could not be decoded (%2)</source>
        <translation>Frame %1 konnte nicht dekodiert werden (%2)</translation>
    </message>
    <message>
        <source>frame %1 is out of range</source>
        <translation>Frame %1 liegt außerhalb des Bereichs</translation>
    </message>
    <message>
        <source>file is truncated: frame %1 is missing (the data ends after frame %2)</source>
        <translation>Datei ist abgeschnitten: Frame %1 fehlt (die Daten enden nach Frame %2)</translation>
    </message>
    <message>
        <source>frame %1 is out of range (0-%2)</source>
        <translation>Frame %1 liegt außerhalb des Bereichs (0-%2)</translation>
    </message>
    <message>
        <source>cannot download frame %1 from the GPU</source>
        <translation>Frame %1 lässt sich nicht von der GPU laden</translation>
    </message>
    <message>
        <source>no file given</source>
        <translation>keine Datei angegeben</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>Datei nicht vorhanden</translation>
    </message>
    <message>
        <source>is a directory, not a media file or sequence</source>
        <translation>ist ein Ordner, keine Mediendatei oder Sequenz</translation>
    </message>
    <message>
        <source>is not a regular file (a pipe, device or socket)</source>
        <translation>ist keine reguläre Datei (eine Pipe, ein Gerät oder ein Socket)</translation>
    </message>
    <message>
        <source>empty file (0 bytes)</source>
        <translation>leere Datei (0 Bytes)</translation>
    </message>
    <message>
        <source>not an OpenEXR file (bad magic number)</source>
        <translation>keine OpenEXR-Datei (falsche Magic Number)</translation>
    </message>
    <message>
        <source>out of memory while opening</source>
        <translation>beim Öffnen nicht genug Arbeitsspeicher</translation>
    </message>
    <message>
        <source>cannot open: unknown error</source>
        <translation>kann nicht geöffnet werden: unbekannter Fehler</translation>
    </message>
    <message>
        <source>no files match the pattern</source>
        <translation>keine Dateien passen zum Muster</translation>
    </message>
    <message>
        <source>the frame range %1-%2 is reversed</source>
        <translation>der Frame-Bereich %1-%2 ist umgekehrt</translation>
    </message>
    <message>
        <source>not a sequence pattern</source>
        <translation>kein Sequenzmuster</translation>
    </message>
    <message>
        <source>frame number padding is too wide</source>
        <translation>die Frame-Nummer hat zu viele Stellen</translation>
    </message>
    <message>
        <source>unreadable image</source>
        <translation>unlesbares Bild</translation>
    </message>
    <message>
        <source>DPX header is truncated</source>
        <translation>DPX-Header ist abgeschnitten</translation>
    </message>
    <message>
        <source>DPX header is damaged: it claims %1 bytes of user data in a file of %2 bytes</source>
        <translation>DPX-Header ist beschädigt: er gibt %1 Bytes Benutzerdaten in einer Datei von %2 Bytes an</translation>
    </message>
    <message>
        <source>truncated OpenEXR header</source>
        <translation>abgeschnittener OpenEXR-Header</translation>
    </message>
    <message>
        <source>damaged OpenEXR header (unterminated attribute name)</source>
        <translation>beschädigter OpenEXR-Header (Attributname ohne Ende)</translation>
    </message>
    <message>
        <source>damaged OpenEXR header</source>
        <translation>beschädigter OpenEXR-Header</translation>
    </message>
    <message>
        <source>damaged OpenEXR header (attribute &apos;%1&apos; runs past the end)</source>
        <translation>beschädigter OpenEXR-Header (Attribut „%1“ reicht über das Ende hinaus)</translation>
    </message>
    <message>
        <source>OpenEXR header has no valid data window</source>
        <translation>OpenEXR-Header hat kein gültiges Datenfenster</translation>
    </message>
    <message>
        <source>data window %1x%2 is larger than supported (%3 pixels)</source>
        <translation>Datenfenster %1x%2 ist größer als unterstützt (%3 Pixel)</translation>
    </message>
    <message>
        <source>tile size %1x%2 is implausible for a %3x%4 image</source>
        <translation>Kachelgröße %1x%2 ist für ein Bild von %3x%4 unplausibel</translation>
    </message>
    <message>
        <source>the frame range is implausibly long</source>
        <translation>der Frame-Bereich ist unplausibel lang</translation>
    </message>
    <message>
        <source>no decoder for %1</source>
        <translation>kein Decoder für %1</translation>
    </message>
    <message>
        <source>empty file</source>
        <translation>leere Datei</translation>
    </message>
    <message>
        <source>cannot decode %1: %2</source>
        <translation>%1 lässt sich nicht dekodieren: %2</translation>
    </message>
    <message>
        <source>unsupported picture size</source>
        <translation>nicht unterstützte Bildgröße</translation>
    </message>
    <message>
        <source>picture size %1x%2 differs from the sequence&apos;s %3x%4</source>
        <translation>Bildgröße %1x%2 weicht von der Sequenz ab (%3x%4)</translation>
    </message>
    <message>
        <source>image has no pixels</source>
        <translation>Bild hat keine Pixel</translation>
    </message>
    <message>
        <source>deep images are not supported</source>
        <translation>Deep-Bilder werden nicht unterstützt</translation>
    </message>
    <message>
        <source>no view named &apos;%1&apos;</source>
        <translation>keine Ansicht namens „%1“</translation>
    </message>
    <message>
        <source>not enough memory to read it (a damaged header may claim a huge picture)</source>
        <translation>nicht genug Arbeitsspeicher zum Lesen (ein beschädigter Header gibt womöglich ein riesiges Bild an)</translation>
    </message>
    <message>
        <source>cannot read: unknown error in OpenImageIO</source>
        <translation>kann nicht gelesen werden: unbekannter Fehler in OpenImageIO</translation>
    </message>
    <message>
        <source>cannot read luminance/chroma EXR: %1</source>
        <translation>Luminanz/Chroma-EXR kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>cannot read luminance/chroma EXR: unknown error in OpenEXR</source>
        <translation>Luminanz/Chroma-EXR kann nicht gelesen werden: unbekannter Fehler in OpenEXR</translation>
    </message>
    <message>
        <source>frame index %1 is out of range (0-%2)</source>
        <translation>Frame-Index %1 liegt außerhalb des Bereichs (0-%2)</translation>
    </message>
    <message>
        <source>frame %1 is missing from the sequence</source>
        <translation>Frame %1 fehlt in der Sequenz</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>es ist ein Ordner</translation>
    </message>
    <message>
        <source>not a regular file (a pipe or a device)</source>
        <translation>keine reguläre Datei (eine Pipe oder ein Gerät)</translation>
    </message>
    <message>
        <source>%1 bytes, more than the %2 such a file can have</source>
        <translation>%1 Bytes, mehr als die %2, die eine solche Datei haben darf</translation>
    </message>
    <message>
        <source>cannot open</source>
        <translation>kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>read error</source>
        <translation>Lesefehler</translation>
    </message>
    <message>
        <source>cannot create the file</source>
        <translation>die Datei lässt sich nicht anlegen</translation>
    </message>
    <message>
        <source>write error</source>
        <translation>Schreibfehler</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>Datei oder Ordner gibt es nicht</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>keine Berechtigung</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>ein Teil des Pfads ist kein Ordner</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>der Datenträger ist voll</translation>
    </message>
    <message>
        <source>the file system is read-only</source>
        <translation>das Dateisystem ist schreibgeschützt</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>der Name ist zu lang</translation>
    </message>
    <message>
        <source>too many open files</source>
        <translation>zu viele offene Dateien</translation>
    </message>
    <message>
        <source>a single image carries no sound</source>
        <translation>ein einzelnes Bild trägt keinen Ton</translation>
    </message>
    <message>
        <source>is one image and holds one frame: name a sequence with a frame-number pattern such as name.####.%1 to write more</source>
        <translation>ist ein einzelnes Bild und fasst einen Frame: für mehr eine Sequenz mit Frame-Nummer-Muster wie name.####.%1 angeben</translation>
    </message>
</context>
<context>
    <name>rushes::playback::Playlist</name>
    <message>
        <source>%1: no frames to show</source>
        <translation>%1: keine Frames zum Anzeigen</translation>
    </message>
    <message>
        <source>%1: cannot be opened</source>
        <translation>%1: kann nicht geöffnet werden</translation>
    </message>
</context>
<context>
    <name>rushes::processing::Messages</name>
    <message>
        <source>denoise: no frame to denoise</source>
        <translation>Entrauschen: kein Frame zum Entrauschen</translation>
    </message>
    <message>
        <source>denoise: frame sizes differ inside the window</source>
        <translation>Entrauschen: die Frames im Fenster sind unterschiedlich groß</translation>
    </message>
    <message>
        <source>denoise: frames must be RGB of one type: 8-bit, 16-bit, half or float</source>
        <translation>Entrauschen: die Frames müssen RGB eines einzigen Typs sein: 8 Bit, 16 Bit, Half oder Float</translation>
    </message>
    <message>
        <source>denoise: sigma is not a number</source>
        <translation>Entrauschen: das Rausch-Sigma ist keine Zahl</translation>
    </message>
    <message>
        <source>denoise: the shot noise offset is not a number</source>
        <translation>Entrauschen: der Offset des Schrotrauschens ist keine Zahl</translation>
    </message>
    <message>
        <source>the two frames have different plane counts (%1 and %2)</source>
        <translation>die beiden Frames haben unterschiedlich viele Ebenen (%1 und %2)</translation>
    </message>
    <message>
        <source>sizes differ: %1x%2 and %3x%4</source>
        <translation>Größen unterscheiden sich: %1x%2 und %3x%4</translation>
    </message>
    <message>
        <source>pixel types differ</source>
        <translation>Pixeltypen unterscheiden sich</translation>
    </message>
    <message>
        <source>image formats differ</source>
        <translation>Bildformate unterscheiden sich</translation>
    </message>
    <message>
        <source>pixel formats differ: %1 and %2</source>
        <translation>Pixelformate unterscheiden sich: %1 und %2</translation>
    </message>
    <message>
        <source>frame %1 is out of range</source>
        <translation>Frame %1 liegt außerhalb des Bereichs</translation>
    </message>
    <message>
        <source>frame %1 is empty</source>
        <translation>Frame %1 ist leer</translation>
    </message>
    <message>
        <source>cannot encode the image</source>
        <translation>das Bild lässt sich nicht kodieren</translation>
    </message>
    <message>
        <source>cannot encode the image: %1</source>
        <translation>das Bild lässt sich nicht kodieren: %1</translation>
    </message>
    <message>
        <source>cannot write the image: %1</source>
        <translation>das Bild kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>this output has no sound track</source>
        <translation>diese Ausgabe hat keine Tonspur</translation>
    </message>
    <message>
        <source>an image sequence needs a frame-number pattern such as out.%04d.png or out.####.png</source>
        <translation>eine Bildsequenz braucht ein Muster mit Frame-Nummer wie out.%04d.png oder out.####.png</translation>
    </message>
    <message>
        <source>image sequences are written as .png or .tif here (got &apos;%1&apos;)</source>
        <translation>Bildsequenzen werden hier als .png oder .tif geschrieben (angegeben: „%1“)</translation>
    </message>
    <message>
        <source>the folder %1 does not exist</source>
        <translation>der Ordner %1 existiert nicht</translation>
    </message>
    <message>
        <source>has no video frames</source>
        <translation>hat keine Video-Frames</translation>
    </message>
    <message>
        <source>frame range %1-%2 is outside the clip (0-%3)</source>
        <translation>der Frame-Bereich %1-%2 liegt außerhalb des Clips (0-%3)</translation>
    </message>
    <message>
        <source>the recipe&apos;s retimes give %1 fps; outputs are written at 0.1 to 1000 fps</source>
        <translation>die Retimes des Rezepts ergeben %1 fps; Ausgaben werden mit 0,1 bis 1000 fps geschrieben</translation>
    </message>
    <message>
        <source>no writer</source>
        <translation>keine Ausgabe zum Schreiben</translation>
    </message>
    <message>
        <source>operation %1: denoise sigma is not a number</source>
        <translation>Operation %1: das Sigma des Entrauschens ist keine Zahl</translation>
    </message>
    <message>
        <source>operation %1: denoise sigma must be &apos;auto&apos; or &gt;= 0, got %2</source>
        <translation>Operation %1: das Sigma des Entrauschens muss „auto“ oder &gt;= 0 sein, angegeben: %2</translation>
    </message>
    <message>
        <source>operation %1: denoise sigma must be at most 255 (8-bit scale)</source>
        <translation>Operation %1: das Sigma des Entrauschens darf höchstens 255 sein (8-Bit-Skala)</translation>
    </message>
    <message>
        <source>operation %1: denoise radius must be between 0 and 4</source>
        <translation>Operation %1: der Radius des Entrauschens muss zwischen 0 und 4 liegen</translation>
    </message>
    <message>
        <source>operation %1: denoise strength must be in (0, 10]</source>
        <translation>Operation %1: die Stärke des Entrauschens muss in (0, 10] liegen</translation>
    </message>
    <message>
        <source>operation %1: retime needs exactly one of factor, fps or phase (and none may be 0)</source>
        <translation>Operation %1: ein Retime braucht genau eines von factor, fps oder phase (und keines davon darf 0 sein)</translation>
    </message>
    <message>
        <source>operation %1: retime factor must be in [1/64, 64], got %2</source>
        <translation>Operation %1: der Faktor des Retimes muss in [1/64, 64] liegen, angegeben: %2</translation>
    </message>
    <message>
        <source>operation %1: retime fps must be in [1, 1000], got %2</source>
        <translation>Operation %1: die Bildrate (fps) des Retimes muss in [1, 1000] liegen, angegeben: %2</translation>
    </message>
    <message>
        <source>operation %1: retime phase must be strictly between 0 and 1, got %2</source>
        <translation>Operation %1: die Phase des Retimes muss echt zwischen 0 und 1 liegen, angegeben: %2</translation>
    </message>
    <message>
        <source>not valid JSON (%1 at offset %2)</source>
        <translation>kein gültiges JSON (%1 bei Offset %2)</translation>
    </message>
    <message>
        <source>a recipe is a JSON object</source>
        <translation>ein Rezept ist ein JSON-Objekt</translation>
    </message>
    <message>
        <source>not a Rushes recipe (&quot;format&quot; must be &quot;rushes-recipe&quot;)</source>
        <translation>kein Rushes-Rezept („format“ muss „rushes-recipe“ sein)</translation>
    </message>
    <message>
        <source>recipe has no valid &quot;version&quot;</source>
        <translation>das Rezept hat keine gültige „version“</translation>
    </message>
    <message>
        <source>recipe version %1 is newer than this build reads (%2)</source>
        <translation>Rezeptversion %1 ist neuer, als dieser Build lesen kann (%2)</translation>
    </message>
    <message>
        <source>recipe has no &quot;operations&quot; array</source>
        <translation>das Rezept hat kein Array „operations“</translation>
    </message>
    <message>
        <source>operation %1: must be an object</source>
        <translation>Operation %1: muss ein Objekt sein</translation>
    </message>
    <message>
        <source>operation %1: unknown key &apos;%2&apos; (a %3 takes %4)</source>
        <translation>Operation %1: unbekannter Schlüssel „%2“ (%3 nimmt %4)</translation>
    </message>
    <message>
        <source>operation %1: denoise sigma must be &quot;auto&quot; or a number</source>
        <translation>Operation %1: das Sigma des Entrauschens muss „auto“ oder eine Zahl sein</translation>
    </message>
    <message>
        <source>operation %1: radius must be an integer</source>
        <translation>Operation %1: der Radius muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>operation %1: strength must be a number</source>
        <translation>Operation %1: die Stärke muss eine Zahl sein</translation>
    </message>
    <message>
        <source>operation %1: %2 must be a number</source>
        <translation>Operation %1: %2 muss eine Zahl sein</translation>
    </message>
    <message>
        <source>operation %1: retime %2 must not be 0</source>
        <translation>Operation %1: %2 des Retimes darf nicht 0 sein</translation>
    </message>
    <message>
        <source>operation %1: unknown operation &apos;%2&apos; (known: denoise, retime)</source>
        <translation>Operation %1: unbekannte Operation „%2“ (bekannt: denoise, retime)</translation>
    </message>
    <message>
        <source>cannot read recipe (%1)</source>
        <translation>das Rezept kann nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <source>cannot write recipe (%1)</source>
        <translation>das Rezept kann nicht geschrieben werden (%1)</translation>
    </message>
    <message>
        <source>retime: empty frame</source>
        <translation>Retime: leerer Frame</translation>
    </message>
    <message>
        <source>retime: frame sizes differ (%1x%2 and %3x%4)</source>
        <translation>Retime: die Frames sind unterschiedlich groß (%1x%2 und %3x%4)</translation>
    </message>
    <message>
        <source>retime: frames must be RGB of one type: 8-bit, 16-bit, half or float</source>
        <translation>Retime: die Frames müssen RGB eines einzigen Typs sein: 8 Bit, 16 Bit, Half oder Float</translation>
    </message>
    <message>
        <source>is one image and holds one frame: name a sequence with a frame-number pattern such as out.####.png to write more</source>
        <translation>ist ein einzelnes Bild und fasst einen Frame: für mehr eine Sequenz mit Frame-Nummer-Muster wie out.####.png angeben</translation>
    </message>
    <message>
        <source>is one image, but the pass makes %1 frames: name a sequence with a frame-number pattern (such as name.####.%2) or choose one frame</source>
        <translation>ist ein einzelnes Bild, der Durchgang ergibt aber %1 Frames: eine Sequenz mit Frame-Nummer-Muster (wie name.####.%2) angeben oder einen Frame wählen</translation>
    </message>
</context>
<context>
    <name>rushes::viewer::PlayerController</name>
    <message>
        <source>MISSING FRAME %1</source>
        <translation>FEHLENDER FRAME %1</translation>
    </message>
    <message>
        <source>Frame %1 cannot be shown
%2</source>
        <translation>Frame %1 kann nicht angezeigt werden
%2</translation>
    </message>
    <message>
        <source>%1 / %2 MiB, %3 frames</source>
        <translation>%1 / %2 MiB, %3 Frames</translation>
    </message>
    <message>
        <source>Colour: %1</source>
        <translation>Farbe: %1</translation>
    </message>
    <message>
        <source>%1: no movies or image sequences in this folder</source>
        <translation>%1: keine Filme oder Bildsequenzen in diesem Ordner</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a timecode (HH:MM:SS:FF)</source>
        <translation>„%1“ ist kein Timecode (HH:MM:SS:FF)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a frame number nor a timecode</source>
        <translation>„%1“ ist weder eine Frame-Nummer noch ein Timecode</translation>
    </message>
    <message>
        <source>%1 files cannot be played: %2</source>
        <translation>%1 Dateien sind nicht abspielbar: %2</translation>
    </message>
</context>
<context>
    <name>rushes::viewer::SettingsFile</name>
    <message>
        <source>not a settings file the app can read</source>
        <translation>keine Einstellungsdatei, die die App lesen kann</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>es ist ein Ordner</translation>
    </message>
    <message>
        <source>it cannot be read</source>
        <translation>sie kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>The settings file %1 could not be read (%2). It is kept as %3 beside it, and the app starts with new settings.</source>
        <translation>Die Einstellungsdatei %1 konnte nicht gelesen werden (%2). Sie wird daneben als %3 aufbewahrt, und die App startet mit neuen Einstellungen.</translation>
    </message>
    <message>
        <source>The settings file %1 could not be read (%2), nor moved aside. It is left as it is, and settings (the recent files) are not saved this session.</source>
        <translation>Die Einstellungsdatei %1 konnte nicht gelesen (%2) und auch nicht beiseitegelegt werden. Sie bleibt unverändert, und Einstellungen (die zuletzt geöffneten Dateien) werden in dieser Sitzung nicht gespeichert.</translation>
    </message>
</context>
</TS>
