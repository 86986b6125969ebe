import QtQuick
import Rushes.Viewer
import QtQuick.Controls
import QtQuick.Layouts

// View and colour controls above the picture.
Rectangle {
    id: bar
    required property var player
    required property var viewer
    signal openRequested()
    signal hudToggled()
    color: Theme.panel
    implicitHeight: 38

    RowLayout {
        anchors { fill: parent; leftMargin: 8; rightMargin: 8 }
        spacing: 4

        IconButton { text: qsTr("Open"); tip: qsTr("Open movies or sequences (Ctrl+O)"); onClicked: bar.openRequested() }
        IconButton {
            id: recentButton
            text: qsTr("Recent \u25BE")
            tip: qsTr("Recently opened files")
            onClicked: recentMenu.open()
            Menu {
                id: recentMenu
                y: recentButton.height
                width: 560
                Repeater {
                    model: bar.player.recentFiles
                    // The file's name first, then its folder: a full path elided at the right showed
                    // only the start of the folder.
                    MenuItem {
                        text: modelData.substring(modelData.lastIndexOf("/") + 1) + "   \u2014   "
                              + modelData.substring(0, modelData.lastIndexOf("/"))
                        onTriggered: bar.player.openPaths([modelData])
                    }
                }
            }
        }
        ToolSeparator {}
        IconButton { text: qsTr("Fit"); tip: qsTr("Fit the image to the view (F)"); active: bar.viewer.fitToView; onClicked: bar.viewer.fit() }
        IconButton {
            text: "1:1"; tip: qsTr("One image pixel per screen pixel")
            active: !bar.viewer.fitToView && Math.abs(bar.viewer.zoom - 1) < 0.001
            onClicked: bar.viewer.setZoomAbout(1, bar.viewer.width / 2, bar.viewer.height / 2)
        }
        ToolSeparator {}
        Repeater {
            model: [qsTr("RGB"), "R", "G", "B", "A", qsTr("Luma")]
            IconButton {
                required property int index
                required property string modelData
                text: modelData
                font.pixelSize: 12
                active: bar.player.channel === index
                tip: qsTr("Show channel %1").arg(modelData)
                onClicked: bar.player.channel = index
            }
        }
        ToolSeparator {}
        Label { text: qsTr("Exposure"); color: Theme.textDim; font.pixelSize: Theme.small }
        Slider {
            id: exposureSlider
            objectName: "exposureSlider"
            from: -8; to: 8; stepSize: 0.1
            value: bar.player.exposure
            onMoved: bar.player.exposure = value
            // The sliders give way first when the labels (German) need the room.
            Layout.fillWidth: true
            Layout.minimumWidth: 40
            Layout.preferredWidth: 90
            Layout.maximumWidth: 90
        }
        Label {
            objectName: "exposureValue"
            text: (bar.player.exposure >= 0 ? "+" : "") + bar.player.exposure.toLocaleString(Qt.locale(), "f", 1)
            color: Theme.text; font.family: Theme.mono; font.pixelSize: Theme.small
            Layout.preferredWidth: 34
            MouseArea { anchors.fill: parent; onDoubleClicked: bar.player.exposure = 0 }
        }
        Label { text: qsTr("Gamma"); color: Theme.textDim; font.pixelSize: Theme.small }
        Slider {
            from: 0.2; to: 4; stepSize: 0.05
            value: bar.player.gamma
            onMoved: bar.player.gamma = value
            Layout.fillWidth: true
            Layout.minimumWidth: 40
            Layout.preferredWidth: 60
            Layout.maximumWidth: 60
        }
        Label {
            objectName: "gammaValue"
            text: bar.player.gamma.toLocaleString(Qt.locale(), "f", 2)
            color: Theme.text; font.family: Theme.mono; font.pixelSize: Theme.small
            Layout.preferredWidth: 30
            MouseArea { anchors.fill: parent; onDoubleClicked: bar.player.gamma = 1 }
        }
        Item { Layout.fillWidth: true; Layout.minimumWidth: 0 }
        // The colour combos are as wide as their longest entry (a fixed 90 px cut the view's name);
        // they shrink only when the window is too narrow for the whole bar.
        ComboBox {
            objectName: "inputSpaceBox"
            model: bar.player.colourSpaces
            currentIndex: model.indexOf(bar.player.inputSpace)
            onActivated: (i) => bar.player.inputSpace = model[i]
            implicitContentWidthPolicy: ComboBox.WidestText
            Layout.fillWidth: true
            Layout.minimumWidth: 80
            Layout.preferredWidth: implicitWidth
            Layout.maximumWidth: Math.min(implicitWidth, 240)
            font.pixelSize: Theme.small
            ToolTip.visible: hovered; ToolTip.text: qsTr("Input colour space of this shot (from metadata; override here)")
        }
        ComboBox {
            objectName: "displayBox"
            model: bar.player.displays
            currentIndex: model.indexOf(bar.player.display)
            onActivated: (i) => bar.player.display = model[i]
            implicitContentWidthPolicy: ComboBox.WidestText
            Layout.fillWidth: true
            Layout.minimumWidth: 60
            Layout.preferredWidth: implicitWidth
            Layout.maximumWidth: implicitWidth
            font.pixelSize: Theme.small
        }
        ComboBox {
            objectName: "viewBox"
            model: bar.player.views
            currentIndex: model.indexOf(bar.player.view)
            onActivated: (i) => bar.player.view = model[i]
            implicitContentWidthPolicy: ComboBox.WidestText
            Layout.fillWidth: true
            Layout.minimumWidth: 60
            Layout.preferredWidth: implicitWidth
            Layout.maximumWidth: implicitWidth
            font.pixelSize: Theme.small
            ToolTip.visible: hovered; ToolTip.text: qsTr("OpenColorIO view (%1)").arg(bar.player.configName)
        }
        IconButton { text: qsTr("HUD"); tip: qsTr("Heads-up display (Ctrl+H)"); onClicked: bar.hudToggled() }
    }
}
