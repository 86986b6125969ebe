import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtCharts

// Scenarios: the mix of hand and compute per pass, cost by category, schedule, and the side-by-side table.
ScrollView {
    id: page
    required property var controller
    contentWidth: availableWidth
    clip: true
    readonly property var doc: controller.document
    readonly property var results: controller.results
    readonly property var aiTasks: doc.labour ? doc.labour.tasks.filter(t => t.operation) : []
    readonly property var hardware: doc.compute ? doc.compute.hardware : []
    readonly property string currency: doc.currency || ""

    function niceMax(v) {
        if (!(v > 0)) return 1
        const p = Math.pow(10, Math.floor(Math.log10(v)))
        for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p
        return 10 * p
    }

    FontMetrics { id: labelMetrics; font: page.font }
    FontMetrics { id: smallMetrics; font.family: page.font.family; font.pixelSize: 10 }
    FontMetrics { id: smallBoldMetrics; font.family: page.font.family; font.pixelSize: 10; font.bold: true }

    // The side-by-side table: its label column and a column a scenario share the width 8 : 10.
    readonly property real tableSpacing: 8
    function longestWord(texts, metrics) {
        let widest = 0
        for (const t of texts)
            for (const word of String(t).split(/\s+/)) widest = Math.max(widest, metrics.advanceWidth(word))
        return widest
    }
    readonly property bool tableFits: {
        const n = results.length
        const share = (availableWidth - 4 - tableSpacing * n) / (8 + 10 * n)
        const rows = controller.comparison
        const labelNeed = longestWord(rows.map(r => r.label), smallBoldMetrics)
        const cellNeed = Math.max(longestWord(results.map(r => r.name), smallBoldMetrics),
                                  longestWord([].concat(...rows.map(r => r.cells)), smallBoldMetrics))
        return n > 0 && labelNeed + 1 <= 8 * share && cellNeed + 1 <= 10 * share
    }
    // The scenarios' names beside their figures, in the narrow form: the longest, up to 40 %.
    readonly property real nameColumn: Math.ceil(Math.min((availableWidth - 4) * 0.4,
                                                          Math.max(0, ...results.map(r => smallMetrics.advanceWidth(r.name))) + 1))

    ColumnLayout {
        width: page.availableWidth - 4
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            SectionLabel { text: qsTr("Scenarios") }
            Button { text: qsTr("Add scenario"); onClicked: page.controller.addScenario() }
        }
        Repeater {
            model: page.doc.scenarios ? page.doc.scenarios.length : 0
            delegate: Frame {
                id: scFrame
                required property int index
                readonly property string base: "scenarios[" + index + "]"
                readonly property var sc: page.doc.scenarios[index]
                readonly property var res: page.results[index]
                readonly property bool current: page.controller.currentScenario === index
                // The longer of the two labels, so the name field and the machine menu line up.
                readonly property int labelWidth: Math.ceil(Math.max(labelMetrics.advanceWidth(qsTr("Scenario")),
                                                                     labelMetrics.advanceWidth(qsTr("Hardware")))) + 1
                Layout.fillWidth: true
                padding: 6
                background: Rectangle {
                    color: scFrame.current ? "#2d3440" : "#2a2a2e"; radius: 4
                    border.color: scFrame.current ? "#3b82c4" : "#38383d"
                }
                TapHandler { onTapped: page.controller.currentScenario = scFrame.index }
                ColumnLayout {
                    width: parent.width
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        TextRow {
                            controller: page.controller; path: scFrame.base + ".name"; label: qsTr("Scenario")
                            labelWidth: scFrame.labelWidth
                        }
                        ToolButton { id: removeButton; text: "✕"; onClicked: page.controller.removeAt("scenarios", scFrame.index) }
                    }
                    // The machine on a row of its own, the menu as wide as its longest name (a fixed
                    // 130 px beside the name showed 'On-prem GPU wo'); its label goes above it where
                    // the panel is too narrow for both.
                    GridLayout {
                        Layout.fillWidth: true
                        Layout.rightMargin: removeButton.width + 5  // level with the name field
                        columns: width >= hardwareLabel.implicitWidth + 6 + hardwareBox.implicitWidth ? 2 : 1
                        columnSpacing: 6
                        rowSpacing: 2
                        Label {
                            id: hardwareLabel
                            text: qsTr("Hardware")
                            opacity: 0.85
                            Layout.preferredWidth: Math.min(parent.width, scFrame.labelWidth)
                            wrapMode: Text.Wrap
                        }
                        ComboBox {
                            id: hardwareBox
                            objectName: "scenarioHardware"
                            implicitContentWidthPolicy: ComboBox.WidestText
                            Layout.fillWidth: true
                            model: page.hardware.map(h => h.name)
                            currentIndex: page.hardware.findIndex(h => h.id === scFrame.sc.hardware)
                            onActivated: i => page.controller.setText(scFrame.base + ".hardware", page.hardware[i].id)
                        }
                    }
                    Repeater {
                        model: page.aiTasks
                        delegate: RowLayout {
                            required property var modelData
                            readonly property real share: (scFrame.sc.aiShare && scFrame.sc.aiShare[modelData.id]) || 0
                            Layout.fillWidth: true
                            Label { text: modelData.name; Layout.preferredWidth: 110; elide: Text.ElideRight; opacity: 0.85 }
                            Label { text: qsTr("hand"); font.pixelSize: 10; opacity: 0.6 }
                            Slider {
                                Layout.fillWidth: true
                                from: 0; to: 1; stepSize: 0.05
                                value: parent.share
                                onMoved: page.controller.setAiShare(scFrame.index, modelData.id, value)
                            }
                            Label { text: qsTr("compute"); font.pixelSize: 10; opacity: 0.6 }
                            Label { text: Math.round(parent.share * 100) + "%"; Layout.preferredWidth: 36; horizontalAlignment: Text.AlignRight }
                        }
                    }
                    Label {
                        visible: !!scFrame.res
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        textFormat: Text.StyledText
                        text: scFrame.res ? qsTr("<b>%1</b> · %2/frame · finishes %3 (%4)")
                                               .arg(page.controller.money(scFrame.res.total)).arg(page.controller.money(scFrame.res.perFrame, 2))
                                               .arg(scFrame.res.finish)
                                               .arg(scFrame.res.meetsDeadline ? qsTr("%n working day(s) early", "", scFrame.res.slack)
                                                                               : "<font color='#ff8080'>" + qsTr("%n working day(s) late", "", -scFrame.res.slack) + "</font>")
                                         : ""
                    }
                    Label {
                        visible: !!scFrame.res
                        text: scFrame.res ? qsTr("%1 artist-days paid (%2% productive) · %3 device-hours (%4% of the units' time)")
                                               .arg(page.controller.number(scFrame.res.paidDays, 1))
                                               .arg(Math.round(scFrame.res.labourUtilisation * 100))
                                               .arg(page.controller.number(scFrame.res.computeHours, 1))
                                               .arg(page.controller.number(scFrame.res.computeUtilisation * 100, 1))
                                         : ""
                        font.pixelSize: 11
                        opacity: 0.65
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Repeater {
                        model: Object.keys(page.controller.issueMap).filter(k => k.startsWith(scFrame.base))
                        delegate: Label {
                            required property string modelData
                            text: modelData.substring(scFrame.base.length + 1) + ": " + page.controller.issueMap[modelData]
                            color: "#ff8080"; font.pixelSize: 11; wrapMode: Text.Wrap; Layout.fillWidth: true
                        }
                    }
                }
            }
        }

        SectionLabel { text: qsTr("Cost by category (thousands of %1)").arg(page.currency) }
        ChartView {
            id: categoryChart
            objectName: "categoryChart"
            Layout.fillWidth: true
            Layout.preferredHeight: 230 + categoryNames.tallest
            theme: ChartView.ChartThemeDark
            antialiasing: true
            legend.visible: false
            // The scenarios' names are QML labels under their bars, wrapped to a bar's room: the
            // category axis cut them ('AI on-p...').
            margins { left: 2; right: 2; top: 2; bottom: categoryNames.tallest + 8 }
            backgroundRoundness: 3
            Item {
                id: categoryNames
                objectName: "categoryNames"
                anchors.fill: parent
                readonly property real tallest: Math.max(0, ...Array.from(children).map(c => c.height))
                Repeater {
                    model: page.results
                    delegate: Label {
                        required property var modelData
                        required property int index
                        readonly property real room: categoryChart.plotArea.width / Math.max(1, page.results.length)
                        text: modelData.name
                        x: categoryChart.plotArea.x + room * index + 2
                        y: categoryChart.plotArea.y + categoryChart.plotArea.height + 4
                        width: Math.max(0, room - 4)
                        wrapMode: Text.Wrap
                        horizontalAlignment: Text.AlignHCenter
                        font.pixelSize: 10
                        color: "#d6d6d6"
                    }
                }
            }
            StackedBarSeries {
                axisX: BarCategoryAxis { categories: page.results.map(r => r.name); labelsVisible: false }
                axisY: ValueAxis {
                    min: 0
                    max: page.niceMax(Math.max(1, ...page.results.map(r => r.total / 1000)))
                    labelFormat: "%.0f"
                    labelsFont.pixelSize: 10
                    tickCount: 5
                }
                BarSet { label: qsTr("Labour"); color: "#3b82c4"; values: page.results.map(r => r.labour / 1000) }
                BarSet { label: qsTr("Compute"); color: "#e08a2e"; values: page.results.map(r => r.compute / 1000) }
                BarSet { label: qsTr("Storage"); color: "#5ba56b"; values: page.results.map(r => r.storage / 1000) }
                BarSet { label: qsTr("Overhead"); color: "#9a8fbf"; values: page.results.map(r => r.overhead / 1000) }
            }
        }
        ChartLegend {
            objectName: "categoryLegend"
            entries: [["#3b82c4", qsTr("Labour")], ["#e08a2e", qsTr("Compute")], ["#5ba56b", qsTr("Storage")],
                      ["#9a8fbf", qsTr("Overhead")]]
        }

        SectionLabel { text: qsTr("Schedule (calendar days from the start)") }
        ChartView {
            objectName: "scheduleChart"
            Layout.fillWidth: true
            Layout.preferredHeight: 35 + 46 * Math.max(1, page.results.length)
            theme: ChartView.ChartThemeDark
            antialiasing: true
            legend.visible: false
            margins { left: 2; right: 2; top: 2; bottom: 2 }
            backgroundRoundness: 3
            HorizontalBarSeries {
                axisY: BarCategoryAxis { categories: page.results.map(r => r.name); labelsFont.pixelSize: 10 }
                axisX: ValueAxis {
                    min: 0
                    max: page.niceMax(Math.max(1, ...page.results.map(r => Math.max(r.labourOffset, r.computeOffset, r.deadlineOffset))))
                    labelFormat: "%.0f"
                    labelsFont.pixelSize: 10
                }
                BarSet { label: qsTr("Artists"); color: "#3b82c4"; values: page.results.map(r => r.labourOffset) }
                BarSet { label: qsTr("Compute"); color: "#e08a2e"; values: page.results.map(r => r.computeOffset) }
                BarSet { label: qsTr("Deadline"); color: "#6d6d73"; values: page.results.map(r => r.deadlineOffset) }
            }
        }
        ChartLegend {
            entries: [["#3b82c4", qsTr("Artists")], ["#e08a2e", qsTr("Compute")], ["#6d6d73", qsTr("Deadline")]]
        }

        SectionLabel { text: qsTr("Side by side") }
        // A table, a column a scenario, where each column has room for its longest word; in a
        // narrower panel (the default 380 px) the figures go criterion by criterion, a line a
        // scenario: the table's 60 px columns broke 'Recheninfrastruktur' and 'Gerätestunden'
        // across lines and cut the scenarios' names.
        GridLayout {
            objectName: "comparisonTable"
            visible: page.tableFits
            Layout.fillWidth: true
            columns: 1 + page.results.length
            columnSpacing: page.tableSpacing
            rowSpacing: 4
            Label { text: "" }
            Repeater {
                model: page.results
                delegate: Label {
                    required property var modelData
                    text: modelData.name; font.bold: true; font.pixelSize: 10; wrapMode: Text.Wrap
                    Layout.fillWidth: true; Layout.preferredWidth: 10; Layout.alignment: Qt.AlignBottom
                }
            }
            Repeater {
                model: page.controller.comparison.length * (1 + page.results.length)
                delegate: Label {
                    required property int index
                    readonly property int row: Math.floor(index / (1 + page.results.length))
                    readonly property int col: index % (1 + page.results.length)
                    readonly property var r: page.controller.comparison[row]
                    text: col === 0 ? r.label : (r.cells[col - 1] || "")
                    font.pixelSize: 10
                    font.bold: col === 0 || r.key === "total"
                    opacity: col === 0 ? 0.75 : 1
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    Layout.preferredWidth: col === 0 ? 8 : 10
                    Layout.alignment: Qt.AlignTop
                }
            }
        }
        ColumnLayout {
            objectName: "comparisonList"
            visible: !page.tableFits
            Layout.fillWidth: true
            spacing: 6
            Repeater {
                model: page.controller.comparison
                delegate: ColumnLayout {
                    id: criterion
                    required property var modelData
                    Layout.fillWidth: true
                    spacing: 1
                    Label {
                        text: criterion.modelData.label
                        font.pixelSize: 10; font.bold: true; opacity: 0.75
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    GridLayout {
                        Layout.fillWidth: true
                        Layout.leftMargin: 8
                        columns: 2
                        columnSpacing: 8
                        rowSpacing: 1
                        Repeater {
                            model: page.results.length * 2
                            delegate: Label {
                                required property int index
                                readonly property int scenario: Math.floor(index / 2)
                                readonly property bool isName: index % 2 === 0
                                text: isName ? page.results[scenario].name : (criterion.modelData.cells[scenario] || "")
                                font.pixelSize: 10
                                font.bold: !isName && criterion.modelData.key === "total"
                                opacity: isName ? 0.75 : 1
                                wrapMode: Text.Wrap
                                Layout.fillWidth: !isName
                                Layout.preferredWidth: isName ? page.nameColumn : 10
                                Layout.alignment: Qt.AlignTop
                            }
                        }
                    }
                }
            }
        }
        Item { Layout.preferredHeight: 8 }
    }
}
