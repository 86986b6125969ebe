import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs

// Labour: loadings, roles with day rates and headcount, tasks with productivity, and the people an AI pass still needs.
ScrollView {
    id: page
    required property var controller
    contentWidth: availableWidth
    clip: true
    readonly property var doc: controller.document
    readonly property var roles: doc.labour ? doc.labour.roles : []
    readonly property string currency: doc.currency || ""

    FileDialog {
        id: metricsDialog
        title: qsTr("Compare metrics (rushes-cli compare --csv or --json)")
        nameFilters: [qsTr("Metrics (*.csv *.json)")]
        onAccepted: page.controller.fixupFromMetrics(selectedFile, metricBox.currentText.toLowerCase(), Number(thresholdField.text))
    }

    ColumnLayout {
        width: page.availableWidth - 4
        spacing: 6

        SectionLabel { text: qsTr("Loadings") }
        NumberField { controller: page.controller; path: "labour.fringePct"; label: qsTr("Fringes"); suffix: "%"; decimals: 1 }
        NumberField { controller: page.controller; path: "labour.supervisionPct"; label: qsTr("Supervision"); suffix: "%"; decimals: 1 }
        NumberField { controller: page.controller; path: "labour.overheadPct"; label: qsTr("Overhead"); suffix: "%"; decimals: 1 }
        RangeField { controller: page.controller; path: "labour.reworkShare"; label: qsTr("Rework share"); decimals: 2 }

        RowLayout {
            Layout.fillWidth: true
            SectionLabel { text: qsTr("Roles (your rates)") }
            Button { text: qsTr("Add role"); onClicked: page.controller.addRole() }
        }
        Repeater {
            model: page.roles.length
            delegate: Frame {
                id: roleFrame
                required property int index
                readonly property string base: "labour.roles[" + index + "]"
                Layout.fillWidth: true
                padding: 6
                background: Rectangle { color: "#2a2a2e"; radius: 4; border.color: "#38383d" }
                ColumnLayout {
                    width: parent.width
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        TextRow { controller: page.controller; path: roleFrame.base + ".name"; label: qsTr("Role"); labelWidth: 90 }
                        ToolButton { text: "✕"; onClicked: page.controller.removeAt("labour.roles", roleFrame.index) }
                    }
                    NumberField { controller: page.controller; path: roleFrame.base + ".dayRate"; label: qsTr("Day rate"); suffix: page.currency; decimals: 0; labelWidth: 90 }
                    NumberField { controller: page.controller; path: roleFrame.base + ".headcount"; label: qsTr("Headcount"); labelWidth: 90 }
                    NumberField { controller: page.controller; path: roleFrame.base + ".rampUpDays"; label: qsTr("Ramp-up"); suffix: qsTr("days"); decimals: 1; labelWidth: 90 }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            SectionLabel { text: qsTr("Productivity (frames per artist-day, medium shots)") }
            Button { text: qsTr("Add task"); onClicked: page.controller.addTask() }
        }
        Repeater {
            model: page.doc.labour ? page.doc.labour.tasks.length : 0
            delegate: Frame {
                id: taskFrame
                required property int index
                readonly property string base: "labour.tasks[" + index + "]"
                readonly property var task: page.doc.labour.tasks[index]
                Layout.fillWidth: true
                padding: 6
                background: Rectangle { color: "#2a2a2e"; radius: 4; border.color: "#38383d" }
                ColumnLayout {
                    width: parent.width
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        TextRow { controller: page.controller; path: taskFrame.base + ".name"; label: qsTr("Task"); labelWidth: 90 }
                        ComboBox {
                            Layout.preferredWidth: 120
                            model: page.roles.map(r => r.name)
                            currentIndex: page.roles.findIndex(r => r.id === taskFrame.task.role)
                            onActivated: i => page.controller.setText(taskFrame.base + ".role", page.roles[i].id)
                        }
                        ToolButton { text: "✕"; onClicked: page.controller.removeAt("labour.tasks", taskFrame.index) }
                    }
                    RangeField { controller: page.controller; path: taskFrame.base + ".framesPerDay"; label: qsTr("Frames/day"); labelWidth: 90 }
                    Label {
                        text: taskFrame.task.operation ? qsTr("Compute can do this pass (%1)").arg(taskFrame.task.operation) : qsTr("By hand only")
                        opacity: 0.6; font.pixelSize: 11
                    }
                }
            }
        }
        SectionLabel { text: qsTr("Difficulty (productivity factor)") }
        NumberField { controller: page.controller; path: "labour.difficulty.easy"; label: qsTr("Easy shots"); suffix: "×"; decimals: 2 }
        NumberField { controller: page.controller; path: "labour.difficulty.medium"; label: qsTr("Medium shots"); suffix: "×"; decimals: 2 }
        NumberField { controller: page.controller; path: "labour.difficulty.hard"; label: qsTr("Hard shots"); suffix: "×"; decimals: 2 }

        SectionLabel { text: qsTr("People on the AI pass") }
        RangeField { controller: page.controller; path: "ai.qcMinutesPerShot"; label: qsTr("QC minutes/shot") }
        RangeField { controller: page.controller; path: "ai.fixupShare"; label: qsTr("Fix-up share"); decimals: 2 }
        // A Flow, not a RowLayout: its fixed-width controls wrap in a narrow panel instead of widening
        // the page (at the default 380 px every field's value was pushed off the right edge).
        Flow {
            Layout.fillWidth: true
            Layout.leftMargin: page.availableWidth > 480 ? 156 : 0
            spacing: 6
            Label {
                text: qsTr("frames under"); opacity: 0.7; font.pixelSize: 11
                height: metricBox.height; verticalAlignment: Text.AlignVCenter
            }
            ComboBox {
                id: metricBox
                width: 80
                model: ["PSNR", "SSIM"]
                onActivated: thresholdField.text = currentIndex === 0 ? "35" : "0.95"
            }
            TextField { id: thresholdField; text: "35"; width: 50; horizontalAlignment: Text.AlignRight }
            Button { text: qsTr("From metrics…"); onClicked: metricsDialog.open() }
        }
        NumberField { controller: page.controller; path: "ai.setupDays"; label: qsTr("Pipeline set-up"); suffix: qsTr("days"); decimals: 1 }
        Item { Layout.preferredHeight: 8 }
    }
}
