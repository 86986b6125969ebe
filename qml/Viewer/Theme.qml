pragma Singleton
import QtQuick

// The review-room palette: neutral dark greys so the picture is the brightest thing on screen.
QtObject {
    readonly property color window: "#1b1c1e"
    readonly property color panel: "#242528"
    readonly property color panelRaised: "#2d2f33"
    readonly property color viewerBackground: "#111213"
    readonly property color border: "#3a3c41"
    readonly property color text: "#d9dadc"
    readonly property color textDim: "#8d9096"
    readonly property color accent: "#e8a33d"
    readonly property color accentDim: "#7a5a26"
    readonly property color cached: "#3f8f5a"
    readonly property color inOut: "#4a7bd0"
    readonly property color error: "#e0524a"
    readonly property color warning: "#e6c34a"   // plays, but not whole (a truncated movie)
    readonly property string mono: "DejaVu Sans Mono"
    readonly property int small: 11
    readonly property int normal: 12
}
