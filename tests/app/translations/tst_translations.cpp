// The German catalogue is complete, compiles, and keeps each message's placeholders.
#include <QFile>
#include <QRegularExpression>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

class TestTranslations : public QObject {
    Q_OBJECT

    struct Message {
        QString context, source, translation;
        bool unfinished = false;
        bool numerus = false;
    };

    static QList<Message> readTs() {
        QList<Message> out;
        QFile f(QStringLiteral(RUSHES_TS_FILE));
        if (!f.open(QIODevice::ReadOnly)) return out;
        QXmlStreamReader xml(&f);
        QString context;
        Message m;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement()) continue;
            const auto name = xml.name();
            if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                m = Message{context, {}, {}, false,
                            xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")};
            } else if (name == QLatin1String("source")) {
                m.source = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                m.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
                m.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                out << m;
            }
        }
        return out;
    }

private slots:
    void catalogueIsCompleteAndKeepsPlaceholders() {
        const QList<Message> messages = readTs();
        QVERIFY2(messages.size() > 100, "the German catalogue lists the app's strings");
        const QRegularExpression placeholder(QStringLiteral("%(\\d|n)"));
        for (const Message& m : messages) {
            QVERIFY2(!m.unfinished && !m.translation.isEmpty(), qPrintable(m.context + ": " + m.source));
            if (m.numerus) continue;  // plural forms are checked by lrelease
            QStringList want, got;
            for (auto it = placeholder.globalMatch(m.source); it.hasNext();) want << it.next().captured();
            for (auto it = placeholder.globalMatch(m.translation); it.hasNext();) got << it.next().captured();
            want.sort();
            got.sort();
            QCOMPARE(got, want);
        }
    }

    void compiledCatalogueTranslates() {
        QTranslator t;
        QVERIFY2(t.load(QStringLiteral(RUSHES_QM_FILE)), RUSHES_QM_FILE);
        const QList<Message> messages = readTs();
        int checked = 0;
        for (const Message& m : messages) {
            if (m.numerus || m.source == m.translation) continue;
            QCOMPARE(t.translate(m.context.toUtf8().constData(), m.source.toUtf8().constData()), m.translation);
            ++checked;
        }
        QVERIFY(checked > 100);
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
