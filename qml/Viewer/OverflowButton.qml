import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Rushes.Viewer

// "⋯" at the end of a bar: the controls that do not fit the bar's width (a small screen, a long
// language) open in a popup from it. The bar asks fit() which of its groups of controls it has
// room for, shows those, and puts its own copies of the others in `content`.
IconButton {
    id: control
    objectName: "overflowButton"
    text: "\u22EF"
    tip: qsTr("More controls")
    // Opens upwards (a bar at the bottom of the window).
    property bool above: false
    property alias content: column.data
    readonly property alias popup: popup
    onClicked: popup.visible ? popup.close() : popup.open()

    Popup {
        id: popup
        objectName: "overflowPopup"
        x: control.width - width
        y: control.above ? -height - 2 : control.height + 2
        margins: 4  // stays inside the window
        padding: 8
        background: Rectangle { color: Theme.panel; border.color: Theme.border; radius: 3 }
        ColumnLayout {
            id: column
            spacing: 6
        }
    }

    // The least width a row of controls (a RowLayout) takes: the preferred width of each control
    // in it, or the minimum of those that fill the row (sliders), and the spacing between them. It
    // reads the controls' own sizes, so it holds for a group the bar has hidden, in any language.
    function naturalWidth(group) {
        let total = 0, count = 0
        for (let i = 0; i < group.children.length; ++i) {
            const c = group.children[i]
            const w = c.Layout.fillWidth ? Math.max(0, c.Layout.minimumWidth)
                                         : (c.Layout.preferredWidth >= 0 ? c.Layout.preferredWidth : c.implicitWidth)
            if (!(w > 0)) continue  // a Repeater, a spacer
            total += w
            ++count
        }
        return total + Math.max(0, count - 1) * group.spacing
    }

    // Which groups a bar `room` px wide shows: `fixed` px are always there; `widths` are the
    // groups' natural widths, most needed first, each with `spacing` before it; `inMenu` says which
    // of them this button's popup holds (the others, a label, are only hidden). The groups are kept
    // in that order while they fit: one that does not is left out (a later, narrower one may still
    // stay), and when one the popup holds is left out, this button takes its room at the end.
    // Returns one flag a group.
    function fit(room, fixed, spacing, widths, inMenu) {
        const keep = (left) => {
            let used = fixed
            return widths.map(w => {
                if (used + w + spacing > left + 0.5) return false
                used += w + spacing
                return true
            })
        }
        const flags = keep(room)
        if (flags.every((kept, i) => kept || (inMenu && !inMenu[i]))) return flags
        return keep(room - control.implicitWidth - spacing)
    }
    // Whether a group the popup holds is left out of the bar: this button shows.
    function needed(flags, inMenu) {
        return flags.some((kept, i) => !kept && (!inMenu || inMenu[i]))
    }
}
