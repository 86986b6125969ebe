import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Rushes.Viewer

// Transport: start/end, steps of 1 and 10, reverse/play/pause, loop mode, in/out, go to
// frame or timecode, and the frame number and timecode shown large.
Rectangle {
    id: bar
    required property var player
    color: Theme.panel
    implicitHeight: 40

    RowLayout {
        anchors { fill: parent; leftMargin: 8; rightMargin: 8 }
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
        }
        ToolSeparator {}
        ComboBox {
            objectName: "loopBox"
            model: [qsTr("Loop"), qsTr("Ping-pong"), qsTr("Once")]
            currentIndex: bar.player.loopMode
            onActivated: (i) => bar.player.loopMode = i
            Layout.preferredWidth: 105
            font.pixelSize: Theme.small
        }
        IconButton {
            objectName: "allFramesButton"
            text: qsTr("All frames")
            font.pixelSize: Theme.small
            tip: qsTr("Play every frame: slower, without sound, when decoding cannot keep the rate (off: keep the rate and skip frames)")
            active: bar.player.playAllFrames
            onClicked: bar.player.playAllFrames = !bar.player.playAllFrames
        }
        IconButton { objectName: "inButton"; text: qsTr("In"); tip: qsTr("Set the in point (I)"); onClicked: bar.player.setInPoint() }
        IconButton { objectName: "outButton"; text: qsTr("Out"); tip: qsTr("Set the out point (O)"); onClicked: bar.player.setOutPoint() }
        IconButton { text: "\u2715"; font.pixelSize: 11; tip: qsTr("Clear in and out"); onClicked: bar.player.clearInOut() }
        Label {
            // String(): QString::arg() prints a number as %g (frame 20240315 as "2.02403e+07")
            text: qsTr("%1 - %2").arg(String(bar.player.firstFrameNumber + bar.player.inPoint)).arg(String(bar.player.firstFrameNumber + bar.player.outPoint))
            color: Theme.textDim; font.family: Theme.mono; font.pixelSize: Theme.small
        }
        Item { Layout.fillWidth: true }
        IconButton {
            text: bar.player.muted ? qsTr("Muted") : qsTr("Sound")
            font.pixelSize: Theme.small
            tip: bar.player.audioAvailable ? qsTr("Mute") : qsTr("No audio device: the picture follows the system clock")
            active: !bar.player.muted && bar.player.audioAvailable
            onClicked: bar.player.muted = !bar.player.muted
        }
        Label { text: qsTr("Go to"); color: Theme.textDim; font.pixelSize: Theme.small }
        TextField {
            id: gotoField
            objectName: "gotoField"
            placeholderText: qsTr("frame or timecode")
            Layout.preferredWidth: 130
            font.family: Theme.mono; font.pixelSize: Theme.small
            onAccepted: { if (bar.player.seekTimecode(text)) text = ""; focus = false }
        }
        Rectangle {
            color: Theme.window; radius: 3
            Layout.preferredWidth: 230; Layout.preferredHeight: 30
            Row {
                anchors.centerIn: parent
                spacing: 14
                Label {
                    objectName: "frameNumberLabel"
                    text: bar.player.frameNumber
                    color: Theme.accent; font.family: Theme.mono; font.pixelSize: 17; font.bold: true
                }
                Label {
                    objectName: "timecodeLabel"
                    text: bar.player.timecode
                    color: Theme.text; font.family: Theme.mono; font.pixelSize: 17
                }
            }
        }
    }
}
