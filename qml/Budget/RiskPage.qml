import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtCharts

// Risk of the chosen scenario: Monte Carlo percentiles and S-curve, the tornado, and the break-even curve.
ScrollView {
    id: page
    required property var controller
    contentWidth: availableWidth
    clip: true
    readonly property var doc: controller.document
    readonly property var risk: controller.risk
    readonly property var tornado: controller.tornado
    readonly property var breakEven: controller.breakEven
    readonly property string currency: doc.currency || ""

    function niceMax(v) {
        if (!(v > 0)) return 1
        const p = Math.pow(10, Math.floor(Math.log10(v)))
        for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p
        return 10 * p
    }

    function refresh() {
        hist.clear(); sCurve.clear(); marks.clear()
        if (risk.histogram) {
            for (const b of risk.histogram) hist.append(b.x / 1000, b.y)
            for (const c of risk.curve) sCurve.append(c.x / 1000, c.y)
            marks.append(risk.p50 / 1000, 0.5); marks.append(risk.p80 / 1000, 0.8); marks.append(risk.p90 / 1000, 0.9)
            const span = Math.max(1e-6, (risk.max - risk.min) / 1000)
            mcX.min = risk.min / 1000 - span * 0.05
            mcX.max = risk.max / 1000 + span * 0.05
        }
        beA.clear(); beB.clear(); bePoint.clear()
        if (breakEven.points) {
            for (const p of breakEven.points) { beA.append(p.x, p.a / 1000); beB.append(p.x, p.b / 1000) }
            if (breakEven.found && breakEven.frames <= breakEven.maxX) {
                const at = breakEven.points.find(p => p.x >= breakEven.frames) || breakEven.points[breakEven.points.length - 1]
                bePoint.append(breakEven.frames, at.a / 1000)
            }
            beX.max = page.niceMax(breakEven.maxX)
            beY.max = page.niceMax(breakEven.maxY / 1000)
        }
    }
    Component.onCompleted: refresh()
    Connections {
        target: page.controller
        function onRecomputed() { page.refresh() }
        function onRiskChanged() { page.refresh() }
    }

    ColumnLayout {
        width: page.availableWidth - 4
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            Label { text: qsTr("Scenario"); opacity: 0.85 }
            ComboBox {
                objectName: "riskScenario"
                Layout.fillWidth: true
                model: page.controller.results.map(r => r.name)
                currentIndex: page.controller.currentScenario
                onActivated: i => page.controller.currentScenario = i
            }
        }
        GridLayout {
            Layout.fillWidth: true
            columns: 3
            rowSpacing: 2
            visible: page.risk.p50 !== undefined
            Repeater {
                model: [[qsTr("P50"), page.risk.p50, page.risk.finishP50], [qsTr("P80"), page.risk.p80, page.risk.finishP80],
                        [qsTr("P90"), page.risk.p90, page.risk.finishP90]]
                delegate: Frame {
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.preferredWidth: 10  // three equal cards, whatever their texts
                    padding: 6
                    background: Rectangle { color: "#2a2a2e"; radius: 4; border.color: "#38383d" }
                    ColumnLayout {
                        anchors.fill: parent
                        spacing: 0
                        Label { text: modelData[0]; font.pixelSize: 10; opacity: 0.7; Layout.fillWidth: true; wrapMode: Text.Wrap }
                        Label {
                            text: page.controller.money(modelData[1])
                            Layout.fillWidth: true
                            font.pixelSize: 15
                            font.bold: true
                            fontSizeMode: Text.HorizontalFit  // a long amount gets smaller, not cut
                            minimumPixelSize: 10
                        }
                        Label { text: qsTr("done %1").arg(modelData[2]); font.pixelSize: 10; opacity: 0.7; Layout.fillWidth: true; wrapMode: Text.Wrap }
                    }
                }
            }
        }
        Label {
            visible: page.risk.p50 !== undefined
            opacity: page.controller.riskPending ? 0.4 : 0.7
            text: qsTr("%1 runs, seed %2 · on time in %3% of runs").arg(String(page.risk.iterations)).arg(String(page.risk.seed))
                  .arg(Math.round((page.risk.onTime || 0) * 100))
            Layout.fillWidth: true
            wrapMode: Text.Wrap  // unwrapped, the German line widened the page past the panel
            font.pixelSize: 11
        }

        SectionLabel { text: qsTr("Total cost: distribution and S-curve (thousands of %1)").arg(page.currency) }
        ChartView {
            objectName: "monteCarloChart"
            Layout.fillWidth: true
            Layout.preferredHeight: 205
            theme: ChartView.ChartThemeDark
            antialiasing: true
            legend.visible: false
            margins { left: 2; right: 2; top: 2; bottom: 2 }
            backgroundRoundness: 3
            ValueAxis { id: mcX; labelFormat: "%.0f"; labelsFont.pixelSize: 10; tickCount: 5 }
            ValueAxis { id: mcY; min: 0; max: 1; labelFormat: "%.1f"; labelsFont.pixelSize: 10; tickCount: 6 }
            AreaSeries {
                name: qsTr("Distribution")
                axisX: mcX; axisY: mcY
                color: "#553b82c4"
                borderColor: "#3b82c4"
                upperSeries: LineSeries { id: hist }
            }
            LineSeries { id: sCurve; name: qsTr("Probability of costing less"); axisX: mcX; axisY: mcY; color: "#e08a2e"; width: 2 }
            ScatterSeries { id: marks; name: qsTr("P50 / P80 / P90"); axisX: mcX; axisY: mcY; color: "#f2f2f2"; markerSize: 8 }
        }
        ChartLegend {
            objectName: "monteCarloLegend"
            entries: [["#3b82c4", qsTr("Distribution")], ["#e08a2e", qsTr("Probability of costing less")],
                      ["#f2f2f2", qsTr("P50 / P80 / P90")]]
        }

        SectionLabel { text: qsTr("What moves the total most (change, thousands of %1)").arg(page.currency) }
        ChartView {
            id: tornadoChart
            objectName: "tornadoChart"
            Layout.fillWidth: true
            Layout.preferredHeight: 45 + 34 * Math.max(1, page.tornado.length)
            theme: ChartView.ChartThemeDark
            antialiasing: true
            legend.visible: false
            // The inputs' names are QML labels in this room left of the plot, wrapped where the panel
            // is narrow: the category axis cut German names ('Denoise / grain: Frames/...').
            readonly property real labelRoom: Math.ceil(Math.min(width * 0.45,
                Math.max(0, ...page.tornado.map(t => tornadoMetrics.advanceWidth(t.label))) + 1))
            margins { left: labelRoom + 10; right: 2; top: 2; bottom: 2 }
            backgroundRoundness: 3
            FontMetrics { id: tornadoMetrics; font.family: page.font.family; font.pixelSize: 10 }
            Item {
                objectName: "tornadoLabels"
                anchors.fill: parent
                Repeater {
                    model: page.tornado
                    // The largest swing first, at the top, as the bars are.
                    delegate: Label {
                        required property var modelData
                        required property int index
                        text: modelData.label
                        x: tornadoChart.plotArea.x - 6 - width
                        y: tornadoChart.plotArea.y + tornadoChart.plotArea.height * (index + 0.5) / page.tornado.length - height / 2
                        width: tornadoChart.labelRoom
                        wrapMode: Text.Wrap
                        horizontalAlignment: Text.AlignRight
                        font.pixelSize: 10
                        color: "#d6d6d6"
                    }
                }
            }
            HorizontalStackedBarSeries {
                barWidth: 0.7
                axisY: BarCategoryAxis { categories: page.tornado.map(t => t.label).reverse(); labelsVisible: false }
                axisX: ValueAxis {
                    readonly property real span: page.niceMax(Math.max(0.001, ...page.tornado.map(t => Math.max(Math.abs(t.low), Math.abs(t.high)) / 1000)))
                    min: -span; max: span
                    labelFormat: "%.0f"
                    labelsFont.pixelSize: 10
                    tickCount: 5
                }
                BarSet { label: qsTr("Input at its minimum"); color: "#3b82c4"; values: page.tornado.map(t => t.low / 1000).reverse() }
                BarSet { label: qsTr("Input at its maximum"); color: "#e08a2e"; values: page.tornado.map(t => t.high / 1000).reverse() }
            }
        }
        ChartLegend {
            entries: [["#3b82c4", qsTr("Input at its minimum")], ["#e08a2e", qsTr("Input at its maximum")]]
        }

        SectionLabel { text: qsTr("Break-even: %1 against %2").arg(page.breakEven.scenario || "").arg(page.breakEven.baseline || "") }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            visible: page.breakEven.points !== undefined
            text: page.breakEven.found
                  ? qsTr("%1 is cheaper from %2 pass frames; this production has %3.").arg(page.breakEven.scenario)
                        .arg(page.controller.number(page.breakEven.frames)).arg(page.controller.number(page.breakEven.today))
                  : qsTr("%1 does not get cheaper than %2 up to four times this production.").arg(page.breakEven.scenario).arg(page.breakEven.baseline)
        }
        ChartView {
            objectName: "breakEvenChart"
            Layout.fillWidth: true
            Layout.preferredHeight: 195
            theme: ChartView.ChartThemeDark
            antialiasing: true
            legend.visible: false
            margins { left: 2; right: 2; top: 2; bottom: 2 }
            backgroundRoundness: 3
            ValueAxis { id: beX; min: 0; labelFormat: "%.0f"; labelsFont.pixelSize: 10; tickCount: 5; titleText: qsTr("pass frames"); titleFont.pixelSize: 10 }
            ValueAxis { id: beY; min: 0; labelFormat: "%.0f"; labelsFont.pixelSize: 10; tickCount: 5 }
            LineSeries { id: beA; name: page.breakEven.baseline || ""; axisX: beX; axisY: beY; color: "#3b82c4"; width: 2 }
            LineSeries { id: beB; name: page.breakEven.scenario || ""; axisX: beX; axisY: beY; color: "#e08a2e"; width: 2 }
            ScatterSeries { id: bePoint; name: qsTr("Break-even"); axisX: beX; axisY: beY; color: "#f2f2f2"; markerSize: 9 }
        }
        ChartLegend {
            visible: page.breakEven.points !== undefined
            entries: [["#3b82c4", page.breakEven.baseline || ""], ["#e08a2e", page.breakEven.scenario || ""],
                      ["#f2f2f2", qsTr("Break-even")]]
        }
        Item { Layout.preferredHeight: 8 }
    }
}
