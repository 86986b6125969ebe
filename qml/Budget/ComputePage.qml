import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs

// Compute: hardware with its price per hour and measured throughput; storage and egress.
ScrollView {
    id: page
    required property var controller
    contentWidth: availableWidth
    clip: true
    readonly property var doc: controller.document
    readonly property var hardware: doc.compute ? doc.compute.hardware : []
    readonly property string currency: doc.currency || ""
    property int benchTarget: 0

    FileDialog {
        id: benchDialog
        title: qsTr("Import rushes-cli bench --json output")
        nameFilters: [qsTr("JSON files (*.json)")]
        onAccepted: page.controller.importBenchFile(selectedFile, page.benchTarget)
    }

    ColumnLayout {
        width: page.availableWidth - 4
        spacing: 6

        SectionLabel { text: qsTr("Hardware") }
        // The preset as wide as its longest name (up to the whole row); the button beside it when
        // there is room, under it when not.
        Flow {
            Layout.fillWidth: true
            spacing: 6
            ComboBox {
                id: presetBox
                objectName: "presetBox"
                width: Math.min(parent.width, implicitWidth)
                implicitContentWidthPolicy: ComboBox.WidestText
                model: page.controller.gpuPresets.map(p => p.name + " · " + page.controller.money(typeof p.pricePerHour === "number" ? p.pricePerHour : p.pricePerHour.likely, 2) + qsTr("/h"))
            }
            Button { text: qsTr("Add preset"); onClicked: page.controller.addHardwareFromPreset(presetBox.currentIndex) }
        }
        Repeater {
            model: page.hardware.length
            delegate: Frame {
                id: hwFrame
                required property int index
                readonly property string base: "compute.hardware[" + index + "]"
                readonly property var hw: page.hardware[index]
                readonly property bool onPrem: hw.pricing === "on_prem"
                // One label column for the frame, wide enough for the German labels ('Nutzungsdauer',
                // 'Stunden pro Jahr' wraps); 90 px cut them.
                readonly property int labelWidth: 120
                Layout.fillWidth: true
                padding: 6
                background: Rectangle { color: "#2a2a2e"; radius: 4; border.color: "#38383d" }
                ColumnLayout {
                    width: parent.width
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        TextRow { controller: page.controller; path: hwFrame.base + ".name"; label: qsTr("Name"); labelWidth: hwFrame.labelWidth }
                        ToolButton { text: "✕"; onClicked: page.controller.removeAt("compute.hardware", hwFrame.index) }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        Label {  // as the fields' labels (NumberField)
                            text: qsTr("Pricing")
                            Layout.fillWidth: true
                            Layout.minimumWidth: 90
                            Layout.preferredWidth: hwFrame.labelWidth
                            Layout.maximumWidth: hwFrame.labelWidth
                            wrapMode: Text.Wrap
                            opacity: 0.85
                        }
                        ComboBox {
                            Layout.fillWidth: true
                            Layout.preferredWidth: 60
                            readonly property var keys: ["on_demand", "spot", "on_prem"]
                            model: [qsTr("Cloud on-demand"), qsTr("Cloud spot"), qsTr("On-premises")]
                            currentIndex: keys.indexOf(hwFrame.hw.pricing)
                            onActivated: i => page.controller.setText(hwFrame.base + ".pricing", keys[i])
                        }
                    }
                    RangeField { visible: !hwFrame.onPrem; controller: page.controller; path: hwFrame.base + ".pricePerHour"; label: qsTr("Price/hour"); decimals: 2; labelWidth: hwFrame.labelWidth }
                    NumberField { visible: hwFrame.onPrem; controller: page.controller; path: hwFrame.base + ".purchasePrice"; label: qsTr("Purchase"); suffix: page.currency; labelWidth: hwFrame.labelWidth }
                    NumberField { visible: hwFrame.onPrem; controller: page.controller; path: hwFrame.base + ".lifeYears"; label: qsTr("Life"); suffix: qsTr("years"); decimals: 1; labelWidth: hwFrame.labelWidth }
                    NumberField { visible: hwFrame.onPrem; controller: page.controller; path: hwFrame.base + ".hoursPerYear"; label: qsTr("Hours a year"); labelWidth: hwFrame.labelWidth }
                    NumberField { visible: hwFrame.onPrem; controller: page.controller; path: hwFrame.base + ".powerKw"; label: qsTr("Power"); suffix: qsTr("kW"); decimals: 2; labelWidth: hwFrame.labelWidth }
                    NumberField { visible: hwFrame.onPrem; controller: page.controller; path: hwFrame.base + ".pricePerKwh"; label: qsTr("Energy"); suffix: qsTr("/kWh"); decimals: 3; labelWidth: hwFrame.labelWidth }
                    NumberField { visible: hwFrame.onPrem; controller: page.controller; path: hwFrame.base + ".operationsPerYear"; label: qsTr("Operations/yr"); suffix: page.currency; labelWidth: hwFrame.labelWidth }
                    Label {
                        visible: hwFrame.onPrem
                        readonly property real hours: Number(hwFrame.hw.hoursPerYear) || 8760
                        readonly property real hourly: Number(hwFrame.hw.purchasePrice) / ((Number(hwFrame.hw.lifeYears) || 1) * hours)
                                                       + Number(hwFrame.hw.powerKw) * Number(hwFrame.hw.pricePerKwh) + Number(hwFrame.hw.operationsPerYear) / hours
                        text: isFinite(hourly) ? qsTr("= %1 per hour (purchase over its life, power, operations)").arg(page.controller.money(hourly, 2)) : ""
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap  // a long line would widen the frame past the panel
                        font.pixelSize: 11
                        color: "#9fd39f"
                    }
                    NumberField { controller: page.controller; path: hwFrame.base + ".units"; label: qsTr("Units"); labelWidth: hwFrame.labelWidth }
                    Repeater {
                        model: hwFrame.hw.throughput || []
                        delegate: Label {
                            required property var modelData
                            text: qsTr("%1 (%2) at %3×%4: %5 ms/frame").arg(modelData.operation).arg(modelData.backend)
                                  .arg(modelData.width).arg(modelData.height).arg(page.controller.number(modelData.msPerFrame, 1))
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            font.pixelSize: 11
                            opacity: 0.75
                        }
                    }
                    Label {
                        text: (hwFrame.hw.source || "") + (hwFrame.hw.date ? " · " + hwFrame.hw.date : "")
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        font.pixelSize: 10
                        opacity: 0.55
                    }
                    Flow {  // side by side, or one under the other in a narrow panel
                        Layout.fillWidth: true
                        spacing: 6
                        Button {
                            text: page.controller.measuring ? qsTr("Measuring…") : qsTr("Measure this machine")
                            enabled: !page.controller.measuring
                            onClicked: page.controller.measureThisMachine(hwFrame.index)
                        }
                        Button {
                            text: qsTr("Import bench…")
                            onClicked: { page.benchTarget = hwFrame.index; benchDialog.open() }
                        }
                    }
                }
            }
        }

        SectionLabel { text: qsTr("Storage and transfer") }
        NumberField { controller: page.controller; path: "compute.storage.pricePerTBMonth"; label: qsTr("Storage per TB-month"); suffix: page.currency; decimals: 2 }
        NumberField { controller: page.controller; path: "compute.storage.egressPerTB"; label: qsTr("Egress per TB"); suffix: page.currency; decimals: 2 }
        NumberField { controller: page.controller; path: "compute.storage.bytesPerPixel"; label: qsTr("Bytes per pixel"); decimals: 1 }
        NumberField { controller: page.controller; path: "compute.storage.copies"; label: qsTr("Copies kept"); decimals: 1 }
        NumberField { controller: page.controller; path: "compute.storage.months"; label: qsTr("Months kept"); decimals: 1 }
        Item { Layout.preferredHeight: 8 }
    }
}
