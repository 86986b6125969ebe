import QtQuick
import QtQuick.Controls
import QtTest
import Rushes.Budget

// The panel driven as a user would: figures shown, an edit re-prices, bad input is named at the field.
Item {
    id: root
    width: 520
    height: 900

    Component {
        id: panelComponent
        BudgetPanel { anchors.fill: parent }
    }

    TestCase {
        name: "BudgetPanel"
        when: windowShown

        function find(item, name) {
            if (!item) return null
            if (item.objectName === name) return item
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i) {
                const r = find(kids[i], name)
                if (r) return r
            }
            return null
        }
        function texts(item, out) {
            if (!item) return out
            if (item.visible !== false && typeof item.text === "string") out.push(item.text)
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i) texts(kids[i], out)
            return out
        }

        function test_sessionShotsPropertyAndFigures() {
            const panel = createTemporaryObject(panelComponent, root)
            verify(panel)
            compare(panel.sessionShots.length, 0)
            verify(panel.controller.valid)
            const total = find(panel, "headlineTotal")
            verify(total)
            verify(total.text.length > 1, "the headline shows a total")
            for (const t of texts(panel, [])) verify(t.indexOf("NaN") < 0 && t.indexOf("undefined") < 0, "no NaN on screen: " + t)
            panel.sessionShots = [{name: "flower", path: "/m/flower.mp4", frames: 250, width: 960, height: 540, fps: 25},
                                  {name: "bbb", path: "/m/bbb.mov", frames: 120, width: 1920, height: 1080, fps: 24}]
            const use = find(panel, "useSessionShots")
            verify(use)
            verify(use.enabled)
            mouseClick(use)
            compare(panel.controller.document.shots.length, 2)
            compare(panel.controller.document.shots[0].frames, 250)
        }

        function test_editShowsMessageAtTheField() {
            const panel = createTemporaryObject(panelComponent, root)
            panel.currentTab = 1  // Labour
            wait(50)
            const field = find(panel, "field:labour.roles[0].dayRate")
            verify(field, "the day-rate field exists")
            const before = panel.controller.results[0].total
            mouseClick(field)
            field.selectAll()
            keyClick(Qt.Key_Delete)
            for (const ch of "1300") keyClick(ch)
            tryVerify(() => panel.controller.results.length > 0 && panel.controller.results[0].total > before, 1000, "the total follows the edit")
            field.selectAll()
            keyClick(Qt.Key_Delete)
            keyClick(Qt.Key_Minus)
            keyClick("5")
            verify(!panel.controller.valid)
            const error = find(panel, "error:labour.roles[0].dayRate")
            verify(error)
            verify(error.visible)
            verify(error.text.indexOf("negative") >= 0, error.text)
            verify(find(panel, "issuesBanner").visible)
            for (const t of texts(panel, [])) verify(t.indexOf("NaN") < 0, "no NaN on screen: " + t)
        }

        function test_chartsFollowTheScenario() {
            const panel = createTemporaryObject(panelComponent, root)
            panel.currentTab = 3
            wait(50)
            const chart = find(panel, "categoryChart")
            verify(chart)
            compare(chart.count, 1)
            compare(chart.series(0).count, 4)  // labour, compute, storage, overhead
            compare(chart.series(0).at(0).values.length, panel.controller.results.length)
            panel.currentTab = 4
            wait(50)
            const mc = find(panel, "monteCarloChart")
            verify(mc)
            tryVerify(() => mc.series(0).upperSeries.count > 10, 10000, "the distribution is drawn")
            panel.controller.currentScenario = 2
            tryCompare(panel.controller, "riskPending", false, 10000)
            compare(panel.controller.risk.scenario, panel.controller.results[2].name)
            verify(find(panel, "tornadoChart").series(0).at(0).values.length > 0)
            if (Qt.application.arguments.indexOf("-shots") >= 0) grabImage(panel).save("budget-risk.png")
        }
    }
}
