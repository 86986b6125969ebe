import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Rushes.Budget  // Qt 6.4: a module's own C++ types need the explicit import

// Cost planning side panel: labour against compute for the production, from measured throughput.
Pane {
    id: panel
    // The shots open in the session, bound by the player's Main.qml: [{name, path, frames, width, height, fps}].
    property var sessionShots: []
    readonly property alias controller: budget
    property alias currentTab: tabs.currentIndex

    padding: 0
    implicitWidth: 460
    palette.window: "#232326"
    palette.windowText: "#e8e8ea"
    palette.base: "#1b1b1d"
    palette.alternateBase: "#2a2a2e"
    palette.text: "#ececee"
    palette.button: "#34343a"
    palette.buttonText: "#ececee"
    palette.highlight: "#3b82c4"
    palette.highlightedText: "#ffffff"
    palette.mid: "#46464c"
    palette.light: "#4a4a50"
    palette.dark: "#18181a"
    font.pixelSize: 12
    background: Rectangle { color: "#232326" }

    BudgetController { id: budget }

    readonly property var current: budget.results[budget.currentScenario]

    FileDialog {
        id: exportDialog
        property string kind: "pdf"
        fileMode: FileDialog.SaveFile
        title: qsTr("Export budget")
        nameFilters: kind === "pdf" ? [qsTr("PDF report (*.pdf)")] : kind === "csv" ? [qsTr("CSV table (*.csv)")] : [qsTr("Production JSON (*.json)")]
        defaultSuffix: kind
        onAccepted: kind === "pdf" ? budget.exportPdf(selectedFile) : kind === "csv" ? budget.exportCsv(selectedFile) : budget.exportJson(selectedFile)
    }
    FileDialog {
        id: openDialog
        title: qsTr("Open a production")
        nameFilters: [qsTr("Production JSON (*.json)")]
        onAccepted: budget.openFile(selectedFile)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // Header: what this production costs under the chosen scenario.
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: headerColumn.implicitHeight + 16
            color: "#1b1b1d"
            ColumnLayout {
                id: headerColumn
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: 8 }
                spacing: 2
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        text: budget.document.name || qsTr("Untitled production")
                        font.pixelSize: 15
                        font.bold: true
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    ToolButton {
                        objectName: "saveButton"
                        text: qsTr("Save")
                        onClicked: budget.save()
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Save a new revision in the project store")
                    }
                    ToolButton {
                        text: qsTr("File ▾")
                        onClicked: fileMenu.open()
                        Menu {
                            id: fileMenu
                            y: parent.height
                            MenuItem { text: qsTr("Open production…"); onTriggered: openDialog.open() }
                            MenuItem { text: qsTr("Load the example"); onTriggered: budget.loadExample() }
                            MenuSeparator {}
                            MenuItem { text: qsTr("Export PDF report…"); onTriggered: { exportDialog.kind = "pdf"; exportDialog.open() } }
                            MenuItem { text: qsTr("Export CSV…"); onTriggered: { exportDialog.kind = "csv"; exportDialog.open() } }
                            MenuItem { text: qsTr("Export JSON…"); onTriggered: { exportDialog.kind = "json"; exportDialog.open() } }
                        }
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    visible: !!panel.current
                    spacing: 10
                    Label {
                        objectName: "headlineTotal"
                        text: panel.current ? budget.money(panel.current.total) : ""
                        font.pixelSize: 22
                        font.bold: true
                        color: "#ffffff"
                    }
                    ColumnLayout {
                        spacing: 0
                        Layout.fillWidth: true
                        Label {
                            text: panel.current ? qsTr("%1 · %2 per frame").arg(panel.current.name).arg(budget.money(panel.current.perFrame, 2)) : ""
                            opacity: 0.8
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Label {
                            text: panel.current ? qsTr("finishes %1 · %2").arg(panel.current.finish)
                                                    .arg(panel.current.meetsDeadline ? qsTr("on time") : qsTr("%n working day(s) late", "", -panel.current.slack))
                                                : ""
                            color: panel.current && !panel.current.meetsDeadline ? "#ff8080" : "#9fd39f"
                            font.pixelSize: 11
                        }
                    }
                }
                // Four category figures for the chosen scenario.
                RowLayout {
                    Layout.fillWidth: true
                    visible: !!panel.current
                    spacing: 4
                    Repeater {
                        model: [[qsTr("Labour"), "labour", "#3b82c4"], [qsTr("Compute"), "compute", "#e08a2e"],
                                [qsTr("Storage"), "storage", "#5ba56b"], [qsTr("Overhead"), "overhead", "#9a8fbf"]]
                        delegate: ColumnLayout {
                            required property var modelData
                            spacing: 0
                            Layout.fillWidth: true
                            Rectangle { Layout.fillWidth: true; implicitHeight: 3; color: modelData[2]; radius: 1 }
                            Label { text: modelData[0]; font.pixelSize: 10; opacity: 0.7 }
                            Label { text: panel.current ? budget.money(panel.current[modelData[1]]) : ""; font.pixelSize: 12 }
                        }
                    }
                }
                // What stops the figures: the first problems, named by field.
                Rectangle {
                    objectName: "issuesBanner"
                    Layout.fillWidth: true
                    visible: !budget.valid
                    color: "#3a2326"
                    radius: 3
                    implicitHeight: issuesColumn.implicitHeight + 10
                    ColumnLayout {
                        id: issuesColumn
                        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 5 }
                        spacing: 1
                        Label {
                            text: qsTr("%n field(s) need attention before the figures can be computed", "", budget.issues.length)
                            color: "#ff9f9f"
                            font.bold: true
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        Repeater {
                            model: budget.issues.slice(0, 4)
                            delegate: Label {
                                required property var modelData
                                text: (modelData.path ? modelData.path + ": " : "") + modelData.message
                                color: "#ffc8c8"
                                font.pixelSize: 11
                                wrapMode: Text.Wrap
                                Layout.fillWidth: true
                            }
                        }
                    }
                }
            }
        }

        // Each tab as wide as its title plus an equal share of what is left: equal widths cut the
        // longer titles ('Rechenle...' at 380 px) while the short ones had room to spare.
        TabBar {
            id: tabs
            Layout.fillWidth: true
            readonly property real titlesWidth: {
                let w = 0
                for (let i = 0; i < count; ++i) w += itemAt(i).implicitWidth
                return w
            }
            readonly property real share: (width - contentWidth) / Math.max(1, count)
            // From the titles, not from the buttons' widths, which follow the bar's (a binding loop).
            contentWidth: titlesWidth + (count - 1) * spacing
            TabButton { text: qsTr("Shots"); width: implicitWidth + tabs.share }
            TabButton { text: qsTr("Labour"); width: implicitWidth + tabs.share }
            TabButton { text: qsTr("Compute"); width: implicitWidth + tabs.share }
            TabButton { text: qsTr("Scenarios"); width: implicitWidth + tabs.share }
            TabButton { text: qsTr("Risk"); width: implicitWidth + tabs.share }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: 8
            currentIndex: tabs.currentIndex
            ProductionPage { controller: budget; sessionShots: panel.sessionShots }
            LabourPage { controller: budget }
            ComputePage { controller: budget }
            ScenariosPage { controller: budget }
            RiskPage { controller: budget }
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: statusLabel.implicitHeight + 8
            color: "#1b1b1d"
            Label {
                id: statusLabel
                objectName: "status"
                anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 6 }
                text: budget.status
                // Errors name a file and a cause: up to three lines, the whole text on hover.
                wrapMode: Text.Wrap
                maximumLineCount: 3
                elide: Text.ElideRight
                font.pixelSize: 11
                opacity: 0.75
                HoverHandler { id: statusHover }
                ToolTip.visible: statusHover.hovered && statusLabel.truncated
                ToolTip.text: budget.status
            }
        }
    }
}
