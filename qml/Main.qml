import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Rushes.Viewer
import Rushes.Timeline
import Rushes.Budget
import Rushes.Process

// The review window: view controls, picture, timeline, transport and session strip, with the
// side panels (budget, info, processing, and notes / compare when those modules are built) on the right.
ApplicationWindow {
    id: window
    // 1600x900, or the room the screen has where that is less (an 800x600 screen): rushes sets
    // screenRoom to the screen's available area before the window shows, once, so the size does not
    // follow the screen afterwards.
    property size screenRoom: Qt.size(1600, 900)
    width: Math.min(1600, screenRoom.width)
    height: Math.min(900, screenRoom.height)
    minimumWidth: Math.min(640, screenRoom.width)
    minimumHeight: Math.min(400, screenRoom.height)
    visible: true
    title: player.shotInfo.name ? qsTr("%1 - Rushes").arg(player.shotInfo.name) : qsTr("Rushes")
    color: Theme.window
    property alias hudVisible: viewerPanel.hudVisible
    property alias sideTab: tabs.currentIndex  // 0 budget, 1 info, 2 process (rushes --panel)
    property alias sidePanelShown: sidePanel.visible
    readonly property var imageRect: viewerPanel.viewer.imageRect
    readonly property string imageRectText: Math.round(imageRect.x + viewerPanel.x + viewerColumn.x) + " "
        + Math.round(imageRect.y + viewerPanel.y + viewerColumn.y) + " " + Math.round(imageRect.width) + " " + Math.round(imageRect.height)

    palette {
        window: Theme.window; windowText: Theme.text; base: Theme.panelRaised; alternateBase: Theme.panel
        text: Theme.text; button: Theme.panelRaised; buttonText: Theme.text; highlight: Theme.accent
        highlightedText: "#111111"; mid: Theme.border; dark: "#151517"; light: "#3b3d42"
        toolTipBase: Theme.panelRaised; toolTipText: Theme.text; placeholderText: Theme.textDim
    }

    Player { id: player; objectName: "player" }

    // Closing with budget edits not saved asks first: save them, discard them or stay.
    property bool closeConfirmed: false
    onClosing: (close) => {
        if (closeConfirmed || !budgetPanel.controller.modified) return
        close.accepted = false
        unsavedDialog.open()
    }
    Dialog {
        id: unsavedDialog
        objectName: "unsavedBudgetDialog"
        anchors.centerIn: parent
        modal: true
        title: qsTr("Save the budget?")
        standardButtons: Dialog.Save | Dialog.Discard | Dialog.Cancel
        Label {
            text: qsTr("The production '%1' has changes that are not saved.").arg(budgetPanel.controller.document.name || "")
            wrapMode: Text.Wrap
            width: Math.min(implicitWidth, 420)
        }
        onAccepted: {  // Save
            if (budgetPanel.controller.save()) {
                window.closeConfirmed = true
                window.close()
            }  // otherwise the status line says why, and the window stays
        }
        onDiscarded: {
            window.closeConfirmed = true
            window.close()
        }
    }

    FileDialog {
        id: openDialog
        title: qsTr("Open movies or image sequences")
        fileMode: FileDialog.OpenFiles
        nameFilters: [qsTr("Media (*.mov *.mp4 *.m4v *.mkv *.mxf *.webm *.avi *.y4m *.exr *.dpx *.png *.tif *.tiff *.jpg)"), qsTr("All files (*)")]
        onAccepted: player.openUrls(selectedFiles)
    }

    Shortcut { sequence: "Space"; onActivated: player.togglePlay() }
    Shortcut { sequence: "Left"; onActivated: player.step(-1) }
    Shortcut { sequence: "Right"; onActivated: player.step(1) }
    Shortcut { sequence: "Shift+Left"; onActivated: player.step(-10) }
    Shortcut { sequence: "Shift+Right"; onActivated: player.step(10) }
    Shortcut { sequence: "Up"; onActivated: player.previousShot() }
    Shortcut { sequence: "Down"; onActivated: player.nextShot() }
    Shortcut { sequence: "J"; onActivated: player.shuttle("j") }
    Shortcut { sequence: "K"; onActivated: player.shuttle("k") }
    Shortcut { sequence: "L"; onActivated: player.shuttle("l") }
    Shortcut { sequence: "I"; onActivated: player.setInPoint() }
    Shortcut { sequence: "O"; onActivated: player.setOutPoint() }
    Shortcut { sequence: "Home"; onActivated: player.seekStart() }
    Shortcut { sequence: "End"; onActivated: player.seekEnd() }
    Shortcut { sequence: "F"; onActivated: viewerPanel.viewer.fit() }
    Shortcut { sequence: "1"; onActivated: viewerPanel.viewer.setZoomAbout(1, viewerPanel.width / 2, viewerPanel.height / 2) }
    Shortcut { sequence: "R"; onActivated: player.channel = player.channel === 1 ? 0 : 1 }
    Shortcut { sequence: "G"; onActivated: player.channel = player.channel === 2 ? 0 : 2 }
    Shortcut { sequence: "B"; onActivated: player.channel = player.channel === 3 ? 0 : 3 }
    Shortcut { sequence: "A"; onActivated: player.channel = player.channel === 4 ? 0 : 4 }
    Shortcut { sequence: "C"; onActivated: player.channel = 0 }
    Shortcut { sequence: "Ctrl+O"; onActivated: openDialog.open() }
    Shortcut { sequence: "Ctrl+H"; onActivated: viewerPanel.hudVisible = !viewerPanel.hudVisible }
    Shortcut { sequence: "Tab"; onActivated: sidePanel.visible = !sidePanel.visible }
    Shortcut { sequence: "Ctrl+G"; onActivated: transport.focusGoto() }

    // The bars' controls the window cuts: one that runs past its bar's end (or under the button
    // over the view bar's end), a text cut or elided in its box. 'rushes --screenshot' prints them
    // ('cut controls: none'); tst_e2e_window checks small screens and German for none.
    function cutControls() {
        const out = []
        const walk = (item, bar, limit) => {
            if (!item.visible || item.opacity === 0) return
            const text = typeof item.text === "string" ? item.text : ""
            if (item !== bar && item.width > 0) {
                const name = text !== "" ? "'" + text + "'" : (item.objectName || String(item))
                const right = item.mapToItem(bar, item.width, 0).x
                if (right > limit + 0.5) {  // and what is inside it
                    out.push(name + " ends at x " + Math.round(right) + ", past " + Math.round(limit))
                    return
                }
                if (text !== "" && item.truncated === true)
                    out.push(name + " is elided")
                else if (text !== "" && item.contentWidth !== undefined
                         && item.contentWidth > item.width - (item.leftPadding || 0) - (item.rightPadding || 0) + 1)
                    out.push(name + " needs " + Math.ceil(item.contentWidth) + " px, has " + Math.floor(item.width))
            }
            for (let i = 0; i < item.children.length; ++i) walk(item.children[i], bar, limit)
        }
        walk(viewToolbar, viewToolbar, viewToolbar.width - viewToolbar.reservedRight)
        walk(transport, transport, transport.width)
        return out
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Horizontal

        ColumnLayout {
            id: viewerColumn
            SplitView.fillWidth: true
            spacing: 0
            ViewToolbar {
                id: viewToolbar
                Layout.fillWidth: true
                // The button that shows the hidden side panel sits over the bar's right end.
                reservedRight: showPanelButton.visible ? showPanelButton.width : 0
                player: player
                viewer: viewerPanel.viewer
                onOpenRequested: openDialog.open()
                onHudToggled: viewerPanel.hudVisible = !viewerPanel.hudVisible
            }
            ViewerPanel {
                id: viewerPanel
                Layout.fillWidth: true
                Layout.fillHeight: true
                player: player
            }
            Timeline {
                Layout.fillWidth: true
                player: player
            }
            TransportBar {
                id: transport
                Layout.fillWidth: true
                player: player
            }
            SessionStrip {
                Layout.fillWidth: true
                player: player
            }
        }

        Rectangle {
            id: sidePanel
            SplitView.preferredWidth: 380
            SplitView.minimumWidth: 240
            color: Theme.panel
            ColumnLayout {
                anchors.fill: parent
                spacing: 0
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    TabBar {
                        id: tabs
                        Layout.fillWidth: true
                        TabButton { text: qsTr("Budget") }
                        TabButton { text: qsTr("Info") }
                        TabButton { text: qsTr("Process"); objectName: "processTab" }
                        TabButton { text: qsTr("Notes"); visible: notesLoader.source != ""; width: visible ? implicitWidth : 0 }
                        TabButton { text: qsTr("Compare"); visible: compareLoader.source != ""; width: visible ? implicitWidth : 0 }
                    }
                    IconButton { text: "\u276F"; tip: qsTr("Hide the side panel (Tab)"); onClicked: sidePanel.visible = false }
                }
                StackLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    currentIndex: tabs.currentIndex
                    BudgetPanel { id: budgetPanel; objectName: "budgetPanel"; sessionShots: player.sessionShots }
                    InfoPanel { player: player; padding: 10 }
                    ProcessPanel {
                        objectName: "processPanel"
                        source: player.shotInfo.path || ""
                        // The pass joins the session beside its shot, and is shown.
                        onResultReady: path => {
                            const row = player.openPaths([path])
                            if (row >= 0) player.selectShot(row)
                        }
                    }
                    Loader { id: notesLoader; source: player.panelUrl("Notes", "NotesPanel.qml") }
                    Loader { id: compareLoader; source: player.panelUrl("Compare", "ComparePanel.qml") }
                }
            }
        }
    }
    IconButton {
        id: showPanelButton
        visible: !sidePanel.visible
        anchors { right: parent.right; top: parent.top; topMargin: 4 }
        text: "\u276E"; tip: qsTr("Show the side panel (Tab)")
        onClicked: sidePanel.visible = true
    }
}
