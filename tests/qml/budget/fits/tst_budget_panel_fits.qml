import QtQuick
import QtQuick.Controls
import QtTest
import Rushes.Budget

// The panel at its default 380 px (Main.qml's side panel) in the language under test (German is the
// longer one): every text on the Compute and Risk pages, and in the header and tabs above them,
// shows whole. German labels were elided ('Nutzungsda...', 'Rechenle...'), and unwrapped lines
// widened the pages so that fields and cards sat past the panel's right edge.
Item {
    id: root
    width: 380
    height: 900

    Component {
        id: panelComponent
        BudgetPanel { anchors.fill: parent }
    }
    TextMetrics { id: metrics }

    TestCase {
        name: "BudgetPanelFits"
        when: windowShown

        // What is wrong with one visible text, or "".
        function problem(item, panel) {
            const isText = item.truncated !== undefined && item.wrapMode !== undefined  // Text, Label
            const isInput = item.cursorPosition !== undefined && item.contentWidth !== undefined  // TextInput, TextField, a ComboBox's text
            if (!isText && !isInput) return ""
            if (typeof item.text !== "string" || item.text === "" || item.width <= 0) return ""
            const what = "'" + item.text + "' (" + Math.round(item.width) + " px)"
            if (isText && item.truncated) return "cut: " + what
            const right = item.mapToItem(panel, item.width, 0).x
            if (right > panel.width + 0.5) return "past the panel's edge at x " + Math.round(right) + ": " + what
            if (isInput || item.wrapMode === Text.NoWrap || item.fontSizeMode !== Text.FixedSize) {
                if (item.contentWidth > item.width - item.leftPadding - item.rightPadding + 1)
                    return "wider than its box (" + Math.round(item.contentWidth) + " px): " + what
                return ""
            }
            // Wrapped: no word is wider than the line, so none is broken in the middle ('Nutzungsdaue|r').
            metrics.font = item.font
            for (const word of item.text.split(/\s+/)) {
                metrics.text = word
                if (metrics.advanceWidth > item.width - item.leftPadding - item.rightPadding + 1)
                    return "'" + word + "' broken across lines: " + what
            }
            return ""
        }
        function check(item, panel, out) {
            if (!item || !item.visible) return out
            const p = problem(item, panel)
            if (p) out.push(p)
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i) check(kids[i], panel, out)
            // A ScrollView's page lives in its Flickable's contentItem, a child like any other.
            return out
        }

        function test_textsFit_data() {
            return [{tag: "Compute", tab: 2}, {tag: "Risk", tab: 4}]
        }
        function test_textsFit(data) {
            const panel = createTemporaryObject(panelComponent, root)
            verify(panel)
            verify(panel.controller.valid)
            panel.currentTab = data.tab
            tryVerify(() => panel.controller.results.length > 0, 5000, "the example is priced")
            if (data.tab === 4) tryVerify(() => panel.controller.risk.p50 !== undefined, 10000, "the risk is run")
            wait(100)  // the layouts settle
            const problems = check(panel, panel, [])
            verify(problems.length === 0, problems.length + " text(s) do not fit:\n" + problems.join("\n"))
        }

        // The on-premises machine's fields (life, hours a year, ...) are the Compute page's longest
        // German labels; the example's second machine has them.
        function test_onPremisesFieldsShown() {
            const panel = createTemporaryObject(panelComponent, root)
            const hardware = panel.controller.document.compute.hardware
            verify(hardware.some(h => h.pricing === "on_prem"), "the example has an on-premises machine")
        }
    }
}
