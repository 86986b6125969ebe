import QtQuick
import Rushes.Viewer
import QtQuick.Controls
import QtQuick.Layouts

// View and colour controls above the picture. Where the bar is too narrow for all of them (an
// 800 px screen, German labels), the groups it has no room for go to the "⋯" menu at its end,
// least needed first: HUD, the colour menus, gamma, exposure, the channels, the zoom.
Rectangle {
    id: bar
    required property var player
    required property var viewer
    // Room the bar leaves free at its right edge for a button drawn over it (Main.qml's "show the
    // side panel" button while the panel is hidden).
    property real reservedRight: 0
    signal openRequested()
    signal hudToggled()
    color: Theme.panel
    implicitHeight: 38

    // The groups in the bar, most needed first, and which of them it has room for; the others
    // show in the overflow menu.
    readonly property var groups: [zoomGroup, channelGroup, exposureGroup, gammaGroup, colourGroup, hudGroup]
    readonly property var shown: more.fit(row.width, more.naturalWidth(fileGroup) + row.spacing /* the spacer */,
                                          row.spacing, groups.map(g => more.naturalWidth(g)))
    readonly property bool overflowing: more.needed(shown)

    // A separator before each group in the bar; none in the menu, where the groups are rows.
    component Separator: ToolSeparator {
        required property bool inMenu
        visible: !inMenu
    }

    component ZoomGroup: RowLayout {
        required property Item tb
        property bool inMenu: false
        spacing: 4
        Separator { inMenu: parent.inMenu }
        IconButton { text: qsTr("Fit"); tip: qsTr("Fit the image to the view (F)"); active: tb.viewer.fitToView; onClicked: tb.viewer.fit() }
        IconButton {
            text: "1:1"; tip: qsTr("One image pixel per screen pixel")
            active: !tb.viewer.fitToView && Math.abs(tb.viewer.zoom - 1) < 0.001
            onClicked: tb.viewer.setZoomAbout(1, tb.viewer.width / 2, tb.viewer.height / 2)
        }
    }

    component ChannelGroup: RowLayout {
        id: channels
        required property Item tb
        property bool inMenu: false
        spacing: 4
        Separator { inMenu: parent.inMenu }
        Repeater {
            model: [qsTr("RGB"), "R", "G", "B", "A", qsTr("Luma")]
            IconButton {
                required property int index
                required property string modelData
                text: modelData
                font.pixelSize: 12
                active: channels.tb.player.channel === index
                tip: qsTr("Show channel %1").arg(modelData)
                onClicked: channels.tb.player.channel = index
            }
        }
    }

    component ExposureGroup: RowLayout {
        id: grade
        required property Item tb
        property bool inMenu: false
        spacing: 4
        Separator { inMenu: parent.inMenu }
        Label { text: qsTr("Exposure"); color: Theme.textDim; font.pixelSize: Theme.small }
        Slider {
            objectName: "exposureSlider"
            from: -8; to: 8; stepSize: 0.1
            value: grade.tb.player.exposure
            onMoved: grade.tb.player.exposure = value
            // The sliders give way first when the labels (German) need the room.
            Layout.fillWidth: true
            Layout.minimumWidth: 40
            Layout.preferredWidth: 90
            Layout.maximumWidth: 90
        }
        Label {
            id: exposureValue
            objectName: "exposureValue"
            text: (grade.tb.player.exposure >= 0 ? "+" : "") + grade.tb.player.exposure.toLocaleString(Qt.locale(), "f", 1)
            color: Theme.text; font.family: Theme.mono; font.pixelSize: Theme.small
            Layout.preferredWidth: Math.ceil(exposureMetrics.advanceWidth)  // the widest value, so the bar does not shift
            TextMetrics { id: exposureMetrics; font: exposureValue.font; text: "+" + (8).toLocaleString(Qt.locale(), "f", 1) }
            MouseArea { anchors.fill: parent; onDoubleClicked: grade.tb.player.exposure = 0 }
        }
    }

    component GammaGroup: RowLayout {
        id: grade
        required property Item tb
        property bool inMenu: false
        spacing: 4
        Label { text: qsTr("Gamma"); color: Theme.textDim; font.pixelSize: Theme.small }
        Slider {
            from: 0.2; to: 4; stepSize: 0.05
            value: grade.tb.player.gamma
            onMoved: grade.tb.player.gamma = value
            Layout.fillWidth: true
            Layout.minimumWidth: 40
            Layout.preferredWidth: 60
            Layout.maximumWidth: 60
        }
        Label {
            id: gammaValue
            objectName: "gammaValue"
            text: grade.tb.player.gamma.toLocaleString(Qt.locale(), "f", 2)
            color: Theme.text; font.family: Theme.mono; font.pixelSize: Theme.small
            Layout.preferredWidth: Math.ceil(gammaMetrics.advanceWidth)
            TextMetrics { id: gammaMetrics; font: gammaValue.font; text: (4).toLocaleString(Qt.locale(), "f", 2) }
            MouseArea { anchors.fill: parent; onDoubleClicked: grade.tb.player.gamma = 1 }
        }
    }

    // The colour menus are as wide as their longest entry (a fixed 90 px cut the view's name) where
    // there is room, and as wide as the entry they show where there is less; narrower still, they go
    // to the overflow menu.
    component ColourGroup: RowLayout {
        required property Item tb
        property bool inMenu: false
        spacing: 4
        BarComboBox {
            objectName: "inputSpaceBox"
            model: tb.player.colourSpaces
            currentIndex: model.indexOf(tb.player.inputSpace)
            onActivated: (i) => tb.player.inputSpace = model[i]
            font.pixelSize: Theme.small
            ToolTip.visible: hovered; ToolTip.text: qsTr("Input colour space of this shot (from metadata; override here)")
        }
        BarComboBox {
            objectName: "displayBox"
            model: tb.player.displays
            currentIndex: model.indexOf(tb.player.display)
            onActivated: (i) => tb.player.display = model[i]
            font.pixelSize: Theme.small
        }
        BarComboBox {
            objectName: "viewBox"
            model: tb.player.views
            currentIndex: model.indexOf(tb.player.view)
            onActivated: (i) => tb.player.view = model[i]
            font.pixelSize: Theme.small
            ToolTip.visible: hovered; ToolTip.text: qsTr("OpenColorIO view (%1)").arg(tb.player.configName)
        }
    }

    component HudGroup: RowLayout {
        required property Item tb
        property bool inMenu: false
        spacing: 4
        IconButton { text: qsTr("HUD"); tip: qsTr("Heads-up display (Ctrl+H)"); onClicked: tb.hudToggled() }
    }

    RowLayout {
        id: row
        anchors { fill: parent; leftMargin: 8; rightMargin: Math.max(8, bar.reservedRight + 4) }
        spacing: 4

        RowLayout {
            id: fileGroup
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
        }
        ZoomGroup { id: zoomGroup; tb: bar; visible: bar.shown[0] }
        ChannelGroup { id: channelGroup; tb: bar; visible: bar.shown[1] }
        ExposureGroup { id: exposureGroup; tb: bar; visible: bar.shown[2] }
        GammaGroup { id: gammaGroup; tb: bar; visible: bar.shown[3] }
        Item { Layout.fillWidth: true; Layout.minimumWidth: 0 }
        ColourGroup { id: colourGroup; tb: bar; visible: bar.shown[4] }
        HudGroup { id: hudGroup; tb: bar; visible: bar.shown[5] }
        OverflowButton {
            id: more
            visible: bar.overflowing
            onVisibleChanged: if (!visible) popup.close()
            content: [
                ZoomGroup { tb: bar; inMenu: true; visible: !bar.shown[0] },
                ChannelGroup { tb: bar; inMenu: true; visible: !bar.shown[1] },
                ExposureGroup { tb: bar; inMenu: true; visible: !bar.shown[2] },
                GammaGroup { tb: bar; inMenu: true; visible: !bar.shown[3] },
                ColourGroup { tb: bar; inMenu: true; visible: !bar.shown[4] },
                HudGroup { tb: bar; inMenu: true; visible: !bar.shown[5] }
            ]
        }
    }
}
