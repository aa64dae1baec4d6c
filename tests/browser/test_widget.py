"""The widget in a real browser: book project 90001 by clicking its buttons on the demo page."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from app.auth.tokens import Caller
from tests.helpers import fill_message_window, pf360_appointment

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
TIME_LABEL = re.compile(r"^\d{1,2}:\d{2} [AP]M$")
DATE_LABEL = re.compile(r"^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2}$")


def same_time(label: str, pf360_time: str) -> bool:
    """"8:00 AM" (a quick reply) and "08:00 AM" (PF360) name the same time."""
    return datetime.strptime(label, "%I:%M %p").time() == datetime.strptime(pf360_time, "%I:%M %p").time()


async def test_booking_project_90001_by_clicking_the_widget(live_server, browser_context) -> None:
    from playwright.async_api import expect

    page = browser_context.pages[0] if browser_context.pages else await browser_context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    await page.goto(live_server.url + "/")

    log = page.get_by_role("log")
    await expect(log).to_have_attribute("aria-live", "polite")
    await expect(log).to_contain_text("What would you like to do?")
    message_box = page.get_by_label("Message the assistant")
    await message_box.fill("I'd like to schedule my flooring installation")
    await message_box.press("Enter")
    await expect(log).to_contain_text("Which day works for you?")

    replies = page.get_by_role("group", name="Suggested replies")
    day_button = replies.get_by_role("button", name=DATE_LABEL).first
    day_label = await day_button.inner_text()
    await day_button.click()
    await expect(log).to_contain_text("Which time would you like?")

    time_button = replies.get_by_role("button", name=TIME_LABEL).first
    time_label = await time_button.inner_text()
    await time_button.click()

    confirm = page.get_by_role("group", name="Book this appointment?")
    await expect(confirm).to_contain_text("Project 90001")
    await expect(confirm.get_by_role("button", name="No, don't book")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=ARTIFACTS / "widget-confirm.png", full_page=True)
    await confirm.get_by_role("button", name="Yes, book it").click()
    await expect(log).to_contain_text("is booked for")
    await expect(confirm).to_have_count(0)
    await expect(page.get_by_role("log")).to_have_attribute("aria-busy", "false")

    appointment = await live_server.run(pf360_appointment(live_server.app, 90001))
    assert appointment is not None, "the sandbox reports no appointment for project 90001"
    booked = date.fromisoformat(appointment["date"])
    assert f"{booked:%a %b} {booked.day}" == day_label
    assert same_time(time_label, appointment["time"])

    await page.screenshot(path=ARTIFACTS / "widget-booking.png", full_page=True)

    await page.reload()  # the session survives a reload: the conversation is shown again
    await expect(page.get_by_role("log")).to_contain_text("is booked for")
    await page.set_viewport_size({"width": 375, "height": 740})  # a phone: nothing wider than the screen
    assert await page.evaluate("document.documentElement.scrollWidth") <= 375
    await page.screenshot(path=ARTIFACTS / "widget-phone.png")
    assert not problems, problems


async def test_the_widget_starts_over_after_expiry_and_waits_out_a_429(live_server, browser_context) -> None:
    from playwright.async_api import expect

    page = browser_context.pages[0] if browser_context.pages else await browser_context.new_page()
    await page.goto(live_server.url + "/")
    log = page.get_by_role("log")
    await page.get_by_role("button", name="Show my projects").click()
    await expect(log).to_contain_text("ORD-1001-A")
    await expect(log).to_have_attribute("aria-busy", "false")  # the `done` event was handled
    session_id = await page.evaluate("Object.entries(sessionStorage).find(([k]) => k.startsWith('scheduling'))[1]")
    resources = live_server.app.state.resources
    assert await live_server.run(resources.store.delete(session_id))  # the context expires

    # the customer's message window is full for 2.5 s more: the next message gets a real 429
    await live_server.run(fill_message_window(resources, Caller("1001", "demo-client"), frees_in=2.5))
    message_box = page.get_by_label("Message the assistant")
    await message_box.fill("what are your hours?")
    await message_box.press("Enter")
    await expect(log).to_contain_text("started a new one")
    await expect(log).to_contain_text(re.compile(r"Trying again in [23] seconds\."))
    await expect(log.locator(".sw-msg-assistant").last).to_contain_text("Monday")
    new_session = await page.evaluate("Object.entries(sessionStorage).find(([k]) => k.startsWith('scheduling'))[1]")
    assert new_session != session_id
    await expect(message_box).to_be_focused()
