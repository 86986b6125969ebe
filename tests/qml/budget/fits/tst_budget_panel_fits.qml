import QtQuick
import QtQuick.Controls
import QtTest
import Rushes.Budget

// The panel at its default 380 px (Main.qml's side panel) in the language under test (German is the
// longer one): every text on the Compute, Scenarios and Risk pages, and in the header and tabs above
// them, shows whole. German labels were elided ('Nutzungsda...', 'Rechenle...'), unwrapped lines
// widened the pages so that fields and cards sat past the panel's right edge, a scenario's 130 px
// machine menu showed 'On-prem GPU wo', and the tornado chart's axis cut 'Denoise / grain:
// Frames/Tag' (its names are QML labels now, which these checks reach).
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
            return [{tag: "Compute", tab: 2}, {tag: "Scenarios", tab: 3}, {tag: "Risk", tab: 4}]
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

        function find(item, name) {
            if (item.objectName === name) return item
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i) {
                const found = find(kids[i], name)
                if (found) return found
            }
            return null
        }

        // Each scenario's machine menu shows its whole name (the example's 'On-prem GPU workstation').
        function test_scenarioHardwareShownWhole() {
            const panel = createTemporaryObject(panelComponent, root)
            panel.currentTab = 3
            tryVerify(() => panel.controller.results.length > 0, 5000, "the example is priced")
            wait(100)
            const names = panel.controller.document.compute.hardware.map(h => h.name)
            const boxes = []
            const collect = item => {
                if (item.objectName === "scenarioHardware" && item.visible) boxes.push(item)
                for (let i = 0; i < item.children.length; ++i) collect(item.children[i])
            }
            collect(panel)
            compare(boxes.length, panel.controller.document.scenarios.length)
            verify(boxes.some(b => b.displayText === "On-prem GPU workstation"), "the example's on-prem scenario")
            for (const box of boxes) {
                verify(names.indexOf(box.displayText) >= 0, box.displayText)
                // problem() checks the text against its box; the box holds the longest name too.
                metrics.font = box.font
                for (const name of names) {
                    metrics.text = name
                    verify(metrics.advanceWidth <= box.contentItem.width - box.contentItem.leftPadding - box.contentItem.rightPadding + 1,
                           "'" + name + "' is " + Math.round(metrics.advanceWidth) + " px in " + Math.round(box.contentItem.width))
                }
            }
        }

        // The tornado chart's inputs are labels beside their bars: one a bar, top to bottom in the
        // order of the swing, left of the plot, inside the chart, none over another.
        function test_tornadoLabels() {
            const panel = createTemporaryObject(panelComponent, root)
            panel.currentTab = 4
            tryVerify(() => panel.controller.tornado.length > 0, 10000, "the tornado is worked out")
            const chart = find(panel, "tornadoChart")
            const labels = find(chart, "tornadoLabels")
            verify(chart && labels)
            tryVerify(() => chart.plotArea.height > 0)
            wait(100)
            const tornado = panel.controller.tornado
            const shown = []
            for (let i = 0; i < labels.children.length; ++i)
                if (labels.children[i].text !== undefined) shown.push(labels.children[i])
            compare(shown.length, tornado.length)
            const plot = chart.plotArea
            const band = plot.height / tornado.length
            for (let i = 0; i < shown.length; ++i) {
                const l = shown[i]
                compare(l.text, tornado[i].label)
                verify(l.x >= 0 && l.x + l.width <= plot.x, "'" + l.text + "' is left of the plot")
                const middle = l.y + l.height / 2
                verify(Math.abs(middle - (plot.y + band * (i + 0.5))) < 1, "'" + l.text + "' is level with its bar")
                verify(l.y >= 0 && l.y + l.height <= chart.height, "'" + l.text + "' is inside the chart")
                if (i > 0) verify(shown[i - 1].y + shown[i - 1].height <= l.y + 0.5, "'" + l.text + "' is clear of the one above")
            }
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
