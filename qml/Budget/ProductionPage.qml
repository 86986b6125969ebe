import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs

// Production and shots: dates, calendar, the shots and the passes each needs.
ScrollView {
    id: page
    required property var controller
    property var sessionShots: []
    contentWidth: availableWidth
    clip: true

    readonly property var doc: controller.document
    readonly property var tasks: doc.labour ? doc.labour.tasks : []

    FileDialog {
        id: csvDialog
        title: qsTr("Import shots from CSV")
        nameFilters: [qsTr("CSV files (*.csv)")]
        onAccepted: page.controller.importShotsCsv(selectedFile)
    }

    ColumnLayout {
        width: page.availableWidth - 4
        spacing: 6

        SectionLabel { text: qsTr("Production") }
        TextRow { controller: page.controller; path: "name"; label: qsTr("Name") }
        TextRow { controller: page.controller; path: "currency"; label: qsTr("Currency (ISO)") }
        TextRow { controller: page.controller; path: "start"; label: qsTr("Start (YYYY-MM-DD)") }
        TextRow { controller: page.controller; path: "deadline"; label: qsTr("Deadline") }
        NumberField { controller: page.controller; path: "hoursPerDay"; label: qsTr("Working hours a day"); suffix: qsTr("h"); decimals: 1 }

        RowLayout {
            Layout.fillWidth: true
            spacing: 6
            Label { text: qsTr("Working days"); Layout.preferredWidth: 150; Layout.maximumWidth: 150; Layout.fillWidth: true; elide: Text.ElideRight; opacity: 0.85 }
            Row {
                spacing: 2
                Repeater {
                    model: 7
                    delegate: Button {
                        required property int index
                        readonly property int day: index + 1
                        text: [qsTr("Mo"), qsTr("Tu"), qsTr("We"), qsTr("Th"), qsTr("Fr"), qsTr("Sa"), qsTr("Su")][index]
                        checkable: true
                        checked: page.doc.workingDays ? page.doc.workingDays.indexOf(day) >= 0 : false
                        width: 26
                        padding: 2
                        flat: !checked
                        onClicked: {
                            let days = (page.doc.workingDays || []).filter(d => d !== day)
                            if (checked) days.push(day)
                            days.sort()
                            page.controller.setValue("workingDays", days)
                        }
                    }
                }
            }
        }
        Label {
            visible: (page.controller.issueMap["workingDays"] || "") !== ""
            text: page.controller.issueMap["workingDays"] || ""
            color: "#ff8080"; font.pixelSize: 11
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.topMargin: 8
            SectionLabel {
                text: qsTr("Shots (%1, %2 frames)").arg(page.doc.shots ? page.doc.shots.length : 0)
                      .arg(page.controller.number((page.doc.shots || []).reduce((a, s) => a + (Number(s.frames) || 0), 0)))
            }
        }
        Flow {
            Layout.fillWidth: true
            spacing: 6
            Button {
                objectName: "useSessionShots"
                text: qsTr("Use the %n open shot(s)", "", page.sessionShots.length)
                enabled: page.sessionShots.length > 0
                onClicked: page.controller.useSessionShots(page.sessionShots)
            }
            Button { text: qsTr("Add shot"); onClicked: page.controller.addShot() }
            Button { text: qsTr("Import CSV…"); onClicked: csvDialog.open() }
        }

        Repeater {
            model: page.doc.shots ? page.doc.shots.length : 0
            delegate: Frame {
                id: shotFrame
                required property int index
                readonly property var shot: page.doc.shots[index]
                readonly property string base: "shots[" + index + "]"
                Layout.fillWidth: true
                padding: 6
                background: Rectangle { color: "#2a2a2e"; radius: 4; border.color: "#38383d" }
                ColumnLayout {
                    width: parent.width
                    spacing: 3
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            Layout.fillWidth: true
                            Layout.minimumWidth: 60
                            text: shotFrame.shot.name || ""
                            font.bold: true
                            selectByMouse: true
                            onTextEdited: page.controller.setText(shotFrame.base + ".name", text)
                        }
                        TextField {
                            objectName: "frames:" + shotFrame.index
                            Layout.preferredWidth: 64
                            horizontalAlignment: Text.AlignRight
                            text: String(shotFrame.shot.frames)
                            color: (page.controller.issueMap[shotFrame.base + ".frames"] || "") !== "" ? "#ff8080" : palette.text
                            onTextEdited: page.controller.setNumber(shotFrame.base + ".frames", text)
                        }
                        Label { text: qsTr("fr"); opacity: 0.7 }
                        ComboBox {
                            Layout.preferredWidth: 92
                            Layout.minimumWidth: 70
                            Layout.fillWidth: true
                            Layout.maximumWidth: 92
                            model: [qsTr("easy"), qsTr("medium"), qsTr("hard")]
                            readonly property var keys: ["easy", "medium", "hard"]
                            currentIndex: keys.indexOf(shotFrame.shot.difficulty)
                            onActivated: i => page.controller.setText(shotFrame.base + ".difficulty", keys[i])
                        }
                        ToolButton {
                            text: "✕"
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Remove this shot")
                            onClicked: page.controller.removeAt("shots", shotFrame.index)
                        }
                    }
                    Flow {
                        Layout.fillWidth: true
                        spacing: 3
                        Label {
                            text: shotFrame.shot.width + "×" + shotFrame.shot.height + " · " + page.controller.number(shotFrame.shot.fps, 2) + qsTr(" fps")
                            opacity: 0.6
                            font.pixelSize: 11
                            height: 24
                            verticalAlignment: Text.AlignVCenter
                            rightPadding: 4
                        }
                        Repeater {
                            model: page.tasks
                            delegate: Button {
                                required property var modelData
                                text: modelData.name
                                font.pixelSize: 11
                                checkable: true
                                checked: (shotFrame.shot.passes || []).indexOf(modelData.id) >= 0
                                flat: !checked
                                padding: 3
                                onClicked: page.controller.togglePass(shotFrame.index, modelData.id, checked)
                            }
                        }
                    }
                    Repeater {
                        model: ["frames", "width", "height", "fps", "retime", "difficulty", "passes[0]", "passes[1]", "passes[2]", "passes[3]"]
                        delegate: Label {
                            required property string modelData
                            readonly property string msg: page.controller.issueMap[shotFrame.base + "." + modelData] || ""
                            visible: msg !== ""
                            text: modelData + ": " + msg
                            color: "#ff8080"
                            font.pixelSize: 11
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
        Item { Layout.preferredHeight: 8 }
    }
}
