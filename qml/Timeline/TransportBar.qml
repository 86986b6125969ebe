import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Rushes.Viewer

// Transport: start/end, steps of 1 and 10, reverse/play/pause, loop mode, in/out, go to
// frame or timecode, and the frame number and timecode shown large. Where the bar is too narrow
// (an 800 px screen, German), the "Go to" label and the in/out numbers are left out first, then the
// sound and loop controls move to the "⋯" menu; on a narrower window (the 640 px minimum) the go-to
// field and then in/out follow them. The steps, play and the frame and timecode always stay.
Rectangle {
    id: bar
    required property var player
    color: Theme.panel
    implicitHeight: 40

    // The groups that give way, most needed first; the labels are only hidden, the controls go to
    // the overflow menu.
    readonly property var groups: [inOutGroup, gotoGroup, loopGroup, soundGroup, rangeGroup, gotoLabelGroup]
    readonly property var inMenu: [true, true, true, true, false, false]
    readonly property var shown: more.fit(row.width, more.naturalWidth(fixedStart) + row.spacing /* the spacer */
                                          + row.spacing + frameBox.Layout.preferredWidth,
                                          row.spacing, groups.map(g => more.naturalWidth(g)), inMenu)

    // Ctrl+G: the go-to field, on the bar or in the "⋯" menu.
    function focusGoto() {
        if (gotoGroup.visible) {
            gotoGroup.field.forceActiveFocus()
        } else {
            more.popup.open()
            menuGoto.field.forceActiveFocus()
        }
    }

    // String(): QString::arg() prints a number as %g (frame 20240315 as "2.02403e+07")
    readonly property string rangeText: qsTr("%1 - %2").arg(String(player.firstFrameNumber + player.inPoint))
                                                       .arg(String(player.firstFrameNumber + player.outPoint))

    component InOutGroup: RowLayout {
        required property Item tb
        property bool inMenu: false
        spacing: 2
        IconButton { objectName: "inButton"; text: qsTr("In"); tip: qsTr("Set the in point (I)"); onClicked: tb.player.setInPoint() }
        IconButton { objectName: "outButton"; text: qsTr("Out"); tip: qsTr("Set the out point (O)"); onClicked: tb.player.setOutPoint() }
        IconButton { objectName: "clearInOutButton"; text: "\u2715"; font.pixelSize: 11; tip: qsTr("Clear in and out"); onClicked: tb.player.clearInOut() }
        Label {
            // The in/out numbers beside the buttons in the menu; on the bar rangeGroup shows them.
            objectName: "inOutRangeLabel"
            visible: parent.inMenu
            Layout.preferredWidth: parent.inMenu ? implicitWidth : 0  // naturalWidth skips a zero width
            text: tb.rangeText
            color: Theme.textDim; font.family: Theme.mono; font.pixelSize: Theme.small
        }
    }
    component GotoGroup: RowLayout {
        id: gotoRow
        required property Item tb
        property bool inMenu: false
        readonly property alias field: field
        signal done()
        spacing: 6
        Label {
            // On the bar its own group (gotoLabelGroup), hidden first.
            visible: gotoRow.inMenu
            Layout.preferredWidth: gotoRow.inMenu ? implicitWidth : 0
            text: qsTr("Go to"); color: Theme.textDim; font.pixelSize: Theme.small
        }
        TextField {
            id: field
            objectName: "gotoField"
            placeholderText: qsTr("frame or timecode")
            // As wide as the hint or a typed timecode (German "Frame oder Timecode" was cut in a
            // fixed 130 px).
            Layout.preferredWidth: Math.ceil(Math.max(placeholderMetrics.advanceWidth, typedMetrics.advanceWidth))
                                   + leftPadding + rightPadding + 2
            font.family: Theme.mono; font.pixelSize: Theme.small
            ToolTip.visible: hovered; ToolTip.delay: 600
            ToolTip.text: qsTr("Go to a frame number or timecode (Ctrl+G)")
            TextMetrics { id: placeholderMetrics; font: field.font; text: field.placeholderText }
            TextMetrics { id: typedMetrics; font: field.font; text: "00:00:00:00" }
            onAccepted: {
                const found = gotoRow.tb.player.seekTimecode(text)
                if (found) text = ""
                focus = false
                if (found) gotoRow.done()
            }
        }
    }

    component LoopGroup: RowLayout {
        required property Item tb
        property bool inMenu: false
        spacing: 2
        ToolSeparator { visible: !parent.inMenu }
        BarComboBox {
            objectName: "loopBox"
            model: [qsTr("Loop"), qsTr("Ping-pong"), qsTr("Once")]
            currentIndex: tb.player.loopMode
            onActivated: (i) => tb.player.loopMode = i
            font.pixelSize: Theme.small
        }
        IconButton {
            objectName: "allFramesButton"
            text: qsTr("All frames")
            font.pixelSize: Theme.small
            tip: qsTr("Play every frame: slower, without sound, when decoding cannot keep the rate (off: keep the rate and skip frames)")
            active: tb.player.playAllFrames
            onClicked: tb.player.playAllFrames = !tb.player.playAllFrames
        }
    }
    component SoundGroup: RowLayout {
        required property Item tb
        property bool inMenu: false
        spacing: 2
        IconButton {
            objectName: "soundButton"
            text: tb.player.muted ? qsTr("Muted") : qsTr("Sound")
            font.pixelSize: Theme.small
            tip: tb.player.audioAvailable ? qsTr("Mute") : qsTr("No audio device: the picture follows the system clock")
            active: !tb.player.muted && tb.player.audioAvailable
            onClicked: tb.player.muted = !tb.player.muted
        }
    }

    RowLayout {
        id: row
        anchors { fill: parent; leftMargin: 8; rightMargin: 8 }
        spacing: 2
        RowLayout {
            id: fixedStart
            spacing: 2
            IconButton { objectName: "startButton"; text: "\u21E4"; tip: qsTr("First frame (Home)"); onClicked: bar.player.seekStart() }
            IconButton { objectName: "back10Button"; text: "\u00AB"; tip: qsTr("Back 10 frames (Shift+Left)"); onClicked: bar.player.step(-10) }
            IconButton { objectName: "backButton"; text: "\u25C2"; tip: qsTr("Previous frame (Left)"); onClicked: bar.player.step(-1) }
            IconButton {
                objectName: "reverseButton"; text: "\u25C0"; tip: qsTr("Play backwards (J)")
                active: bar.player.playing && bar.player.direction < 0
                onClicked: bar.player.playing && bar.player.direction < 0 ? bar.player.pause() : bar.player.playReverse()
            }
            IconButton {
                objectName: "playButton"
                text: bar.player.playing && bar.player.direction > 0 ? "\u2016" : "\u25B6"
                tip: qsTr("Play / pause (Space)")
                active: bar.player.playing && bar.player.direction > 0
                onClicked: bar.player.playing && bar.player.direction > 0 ? bar.player.pause() : bar.player.play()
            }
            IconButton { objectName: "forwardButton"; text: "\u25B8"; tip: qsTr("Next frame (Right)"); onClicked: bar.player.step(1) }
            IconButton { objectName: "forward10Button"; text: "\u00BB"; tip: qsTr("Forward 10 frames (Shift+Right)"); onClicked: bar.player.step(10) }
            IconButton { objectName: "endButton"; text: "\u21E5"; tip: qsTr("Last frame (End)"); onClicked: bar.player.seekEnd() }
            Label {
                visible: bar.player.playing && bar.player.speed !== 1
                text: (bar.player.direction < 0 ? "-" : "") + bar.player.speed + "x"
                color: Theme.accent; font.bold: true
                // Measured only while shown (naturalWidth skips a zero width).
                Layout.preferredWidth: visible ? implicitWidth : 0
            }
        }
        LoopGroup { id: loopGroup; tb: bar; visible: bar.shown[2] }
        InOutGroup { id: inOutGroup; tb: bar; visible: bar.shown[0] }
        RowLayout {
            id: rangeGroup
            // Beside the in/out buttons only.
            visible: bar.shown[4] && bar.shown[0]
            Label {
                objectName: "inOutRangeLabel"
                text: bar.rangeText
                color: Theme.textDim; font.family: Theme.mono; font.pixelSize: Theme.small
            }
        }
        Item { Layout.fillWidth: true }
        SoundGroup { id: soundGroup; tb: bar; visible: bar.shown[3] }
        RowLayout {
            id: gotoLabelGroup
            // Beside the field only.
            visible: bar.shown[5] && bar.shown[1]
            Label { text: qsTr("Go to"); color: Theme.textDim; font.pixelSize: Theme.small }
        }
        GotoGroup { id: gotoGroup; tb: bar; visible: bar.shown[1] }
        Rectangle {
            id: frameBox
            objectName: "frameBox"
            color: Theme.window; radius: 3
            // The frame number at its longest in this shot and a whole timecode, so the box neither
            // cuts them nor changes width as the frame number grows.
            Layout.preferredWidth: Math.ceil(frameMetrics.advanceWidth + timecodeMetrics.advanceWidth) + frameRow.spacing + 24
            Layout.preferredHeight: 30
            TextMetrics {
                id: frameMetrics
                font: frameNumberLabel.font
                text: String(Math.max(Math.abs(bar.player.firstFrameNumber),
                                      bar.player.firstFrameNumber + Math.max(0, bar.player.frameCount - 1))).replace(/./g, "0")
            }
            TextMetrics { id: timecodeMetrics; font: timecodeLabel.font; text: "00:00:00:00" }
            Row {
                id: frameRow
                anchors.centerIn: parent
                spacing: 14
                Label {
                    id: frameNumberLabel
                    objectName: "frameNumberLabel"
                    text: bar.player.frameNumber
                    width: Math.max(implicitWidth, Math.ceil(frameMetrics.advanceWidth))
                    horizontalAlignment: Text.AlignRight
                    color: Theme.accent; font.family: Theme.mono; font.pixelSize: 17; font.bold: true
                }
                Label {
                    id: timecodeLabel
                    objectName: "timecodeLabel"
                    text: bar.player.timecode
                    color: Theme.text; font.family: Theme.mono; font.pixelSize: 17
                }
            }
        }
        OverflowButton {
            id: more
            above: true
            visible: more.needed(bar.shown, bar.inMenu)
            onVisibleChanged: if (!visible) popup.close()
            content: [
                InOutGroup { tb: bar; inMenu: true; visible: !bar.shown[0] },
                GotoGroup { id: menuGoto; tb: bar; inMenu: true; visible: !bar.shown[1]; onDone: more.popup.close() },
                LoopGroup { tb: bar; inMenu: true; visible: !bar.shown[2] },
                SoundGroup { tb: bar; inMenu: true; visible: !bar.shown[3] }
            ]
        }
    }
}
