import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A menu in a bar: as wide as its longest entry where the bar has the room, and never narrower than
// the entry it shows, so its text is never cut. Both widths are worked out here rather than read
// from implicitWidth: the style's padding leaves out the arrow while the box is hidden, so a bar
// that measured a hidden box to decide whether to show it changed its mind when it did (a binding
// loop).
ComboBox {
    id: control
    implicitContentWidthPolicy: ComboBox.WidestText
    readonly property real arrowRoom: indicator ? indicator.width + spacing : 0
    readonly property real textPadding: (contentItem && contentItem.leftPadding !== undefined)
                                        ? contentItem.leftPadding + contentItem.rightPadding : 0
    // With its longest entry (implicitContentWidth, from WidestText, has the text's padding).
    readonly property real fullWidth: Math.ceil(Math.max(implicitBackgroundWidth + leftInset + rightInset,
                                                          implicitContentWidth + 2 * padding + arrowRoom))
    // With the entry it shows.
    readonly property real shownWidth: Math.min(fullWidth, Math.ceil(currentMetrics.advanceWidth + textPadding + 2 * padding + arrowRoom) + 1)
    TextMetrics { id: currentMetrics; font: control.font; text: control.displayText }
    Layout.fillWidth: true
    Layout.minimumWidth: shownWidth
    Layout.preferredWidth: fullWidth
    Layout.maximumWidth: fullWidth
}
