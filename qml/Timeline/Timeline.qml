import QtQuick
import QtQuick.Controls
import Rushes.Viewer

// Frame ruler with the cached ranges, the in/out range and the playhead; drag to scrub.
Rectangle {
    id: timeline
    required property var player
    readonly property int count: Math.max(1, player.frameCount)
    readonly property real pxPerFrame: width / count
    color: Theme.window
    implicitHeight: 46

    function frameAt(x) { return Math.max(0, Math.min(count - 1, Math.floor(x / pxPerFrame))) }
    function xOf(frame) { return frame * pxPerFrame }

    // Ticks every so many frames, so labels do not collide.
    function stepFor(frames) {
        var px = width / frames
        var steps = [1, 2, 5, 10, 12, 24, 25, 48, 50, 100, 120, 240, 250, 500, 1000, 2000, 5000, 10000]
        for (var i = 0; i < steps.length; ++i) if (steps[i] * px >= 60) return steps[i]
        return 20000
    }
    readonly property int tickStep: stepFor(count)

    Rectangle {  // in/out range
        objectName: "inOutRange"
        x: timeline.xOf(timeline.player.inPoint)
        width: timeline.xOf(timeline.player.outPoint + 1) - x
        y: 0; height: parent.height
        color: "#1d2a40"
    }
    Repeater {  // ruler
        // Count and step from one evaluation: with a new shot, the new count over the previous
        // shot's step would build a delegate per frame for a moment (seconds on a long clip).
        objectName: "ruler"
        model: Math.ceil(timeline.count / timeline.stepFor(timeline.count))
        Item {
            required property int index
            readonly property int frame: index * timeline.tickStep
            x: timeline.xOf(frame)
            Rectangle { width: 1; height: 8; y: 14; color: Theme.border }
            Label {
                x: 3; y: 1
                text: timeline.player.firstFrameNumber + parent.frame
                color: Theme.textDim; font.pixelSize: 10; font.family: Theme.mono
            }
        }
    }
    Repeater {  // cached ranges
        // A count, not the list: the Repeater keeps its delegates while only the ranges' ends move
        // (a list model would rebuild them all at every cache refresh during playback).
        objectName: "cachedRanges"
        readonly property var ranges: timeline.player.cachedRanges
        model: ranges.length
        Rectangle {
            required property int index
            readonly property var range: timeline.player.cachedRanges[index] || [0, -1]
            x: timeline.xOf(range[0])
            width: Math.max(1, timeline.xOf(range[1] + 1) - x)
            y: parent.height - 6; height: 4
            color: Theme.cached
        }
    }
    Rectangle { x: timeline.xOf(timeline.player.inPoint); width: 2; height: parent.height; color: Theme.inOut }
    Rectangle { x: timeline.xOf(timeline.player.outPoint + 1) - 2; width: 2; height: parent.height; color: Theme.inOut }
    Rectangle {  // playhead
        objectName: "playhead"
        x: timeline.xOf(timeline.player.frame) + Math.max(1, timeline.pxPerFrame) / 2 - 1
        width: 2; height: parent.height
        color: Theme.accent
        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            y: 24; width: frameLabel.implicitWidth + 8; height: 15; radius: 2
            color: Theme.accent
            Label {
                id: frameLabel
                anchors.centerIn: parent
                text: timeline.player.frameNumber
                color: "#111"; font.pixelSize: 10; font.bold: true
            }
        }
    }
    MouseArea {
        anchors.fill: parent
        preventStealing: true
        onPressed: (e) => { timeline.player.beginScrub(); timeline.player.scrub(timeline.frameAt(e.x)) }
        onPositionChanged: (e) => { if (pressed) timeline.player.scrub(timeline.frameAt(e.x)) }
        onReleased: timeline.player.endScrub()
    }
}
