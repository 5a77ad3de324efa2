"""Reflow (RGAA 10.11) and zoom (10.4): at 320 px wide and at 200 % zoom the widget is usable."""
import pytest

from tests.browser.widget import LAUNCHER, in_viewport, log, no_horizontal_scroll, open_widget, send_text

# 320 px: a small phone; 640 x 400 CSS px: a 1280 x 800 window zoomed to 200 %.
SIZES = {"320px": {"width": 320, "height": 640, "scale": 1},
         "zoom200": {"width": 640, "height": 400, "scale": 2}}


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_widget_is_usable_small_and_zoomed(stack, browser, size):
    spec = SIZES[size]
    context = browser.new_context(locale="fr-FR", viewport={"width": spec["width"], "height": spec["height"]},
                                  device_scale_factor=spec["scale"])
    try:
        page = context.new_page()
        page.goto(stack.web_url + "/")
        launcher = page.get_by_role("button", name=LAUNCHER)
        launcher.wait_for()
        assert in_viewport(page, launcher)
        assert no_horizontal_scroll(page)

        open_widget(page)
        field = page.get_by_label("Votre message")
        send = page.get_by_role("button", name="Envoyer")
        assert in_viewport(page, field) and in_viewport(page, send)
        assert field.bounding_box()["width"] >= 100
        assert in_viewport(page, page.get_by_role("button", name="Fermer l'assistant"))
        send_text(page, "bonjour, je cherche une aide pour payer la caution de mon futur logement", stack)
        # The log keeps a usable height, and scrolled to the newest answer, that answer is on screen.
        assert log(page).bounding_box()["height"] >= 90
        page.wait_for_function("""() => {
            const log = document.querySelector('.alw-log');
            const answers = log.querySelectorAll('.alw-bot');
            const answer = answers[answers.length - 1];
            log.scrollTop += answer.getBoundingClientRect().top - log.getBoundingClientRect().top;
            const top = answer.getBoundingClientRect().top;
            return top >= 0 && top < window.innerHeight;
        }""")
        assert no_horizontal_scroll(page)
        assert page.evaluate("() => [...document.querySelectorAll('.alw-log')].every("
                             "l => l.scrollWidth <= l.clientWidth + 1)")
        assert in_viewport(page, field) and in_viewport(page, send)
    finally:
        context.close()
