import QtQuick
import Rushes.Viewer
import QtQuick.Controls
import QtQuick.Layouts

// The shots open in the session, as cards: click to review, the cross to close.
Rectangle {
    id: strip
    required property var player
    color: Theme.panel
    implicitHeight: 62

    ListView {
        id: list
        objectName: "sessionList"
        anchors { fill: parent; margins: 6 }
        orientation: ListView.Horizontal
        spacing: 6
        clip: true
        model: strip.player.playlist
        delegate: Rectangle {
            id: card
            required property int index
            required property string name
            required property string rateText
            required property string error
            required property string warning
            required property bool truncated
            required property bool isCurrent
            required property var frames
            required property string codec
            width: 210
            height: list.height
            radius: 3
            color: isCurrent ? Theme.panelRaised : Theme.window
            border.color: error.length > 0 ? Theme.error : warning.length > 0 ? Theme.warning
                                                                               : (isCurrent ? Theme.accent : Theme.border)
            Column {
                anchors { left: parent.left; right: closeButton.left; verticalCenter: parent.verticalCenter; leftMargin: 8 }
                spacing: 2
                Label {
                    width: parent.width
                    text: (card.index + 1) + "  " + card.name
                    elide: Text.ElideMiddle
                    color: card.error.length > 0 ? Theme.error : Theme.text
                    font.pixelSize: Theme.small; font.bold: card.isCurrent
                }
                Label {
                    width: parent.width
                    text: card.error.length > 0 ? qsTr("cannot be played")
                          : card.truncated ? qsTr("truncated  %1 fps  %2 frames").arg(card.rateText).arg(card.frames)
                          : qsTr("%1  %2 fps  %3 frames").arg(card.codec).arg(card.rateText).arg(card.frames)
                    color: card.warning.length > 0 ? Theme.warning : Theme.textDim; font.pixelSize: 10
                    elide: Text.ElideRight
                }
            }
            MouseArea {
                anchors.fill: parent
                hoverEnabled: card.warning.length > 0
                onClicked: strip.player.selectShot(card.index)
                ToolTip.visible: containsMouse && card.warning.length > 0
                ToolTip.text: card.warning
                ToolTip.delay: 500
            }
            IconButton {
                id: closeButton
                anchors { right: parent.right; top: parent.top }
                text: "\u2715"; font.pixelSize: 10
                implicitWidth: 22; implicitHeight: 22
                tip: qsTr("Close this shot")
                onClicked: strip.player.removeShot(card.index)
            }
        }
    }
    Label {
        anchors.centerIn: parent
        visible: list.count === 0
        text: qsTr("No shots in this session")
        color: Theme.textDim
    }
}
