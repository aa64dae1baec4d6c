/*
 * Scheduling assistant chat widget: plain JavaScript, no build step, no dependencies.
 *
 * Embed it in a portal page with the customer's token (issued by the portal):
 *   <div id="assistant"></div>
 *   <script src="https://assistant.example.com/widget.js" data-target="#assistant"
 *           data-token="JWT"></script>
 * or with a URL the widget POSTs to for a token ({"token": "..."}), fetched again
 * when the token expires:
 *   <script src="/widget.js" data-target="#assistant" data-token-url="/portal/assistant-token"></script>
 * or from your own script:
 *   SchedulingWidget.mount(element, {token: "JWT", apiBase: "https://assistant.example.com"});
 *
 * Options / data attributes: token (data-token), tokenUrl (data-token-url), apiBase
 * (data-api; default: the origin serving widget.js), target (data-target; default: a
 * new element after the script), storage ("session" or "local"; data-storage).
 *
 * Answers stream from POST /api/chat/stream (fetch + ReadableStream, since
 * EventSource cannot POST). The session id is kept in sessionStorage so a reload
 * continues the conversation; an expired session (404) starts a new one; 429 and
 * 503 are retried after Retry-After.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var scriptUrl = script && script.src ? new URL(script.src, window.location.href) : null;
  var assetBase = scriptUrl ? scriptUrl.href.replace(/\/[^/]*$/, "") : "";

  var MAX_RETRIES = 3;
  var DEFAULT_RETRY_SECONDS = 2;
  var STARTERS = ["Show my projects", "Book an appointment", "When is my appointment?"];
  var WELCOME = "Hi! I can show your projects, find an open day and time, and book, move or cancel " +
    "your appointment. What would you like to do?";
  var PENDING = {
    confirm_appointment: { title: "Book this appointment?", yes: "Yes, book it", no: "No, don't book" },
    reschedule_appointment: { title: "Move the appointment?", yes: "Yes, move it", no: "No, keep it" },
    cancel_appointment: { title: "Cancel the appointment?", yes: "Yes, cancel it", no: "No, keep it" }
  };
  var PROGRESS = {
    supervisor: "Reading your message",
    intent_classifier: "Understanding your request",
    clarifier: "Thinking",
    tool_executor: "Checking the schedule",
    response_generator: "Writing the answer"
  };
  var instances = 0;

  /** Create an element with attributes (`text` sets textContent) and children. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function sleep(seconds) {
    return new Promise(function (resolve) { setTimeout(resolve, seconds * 1000); });
  }

  /** Seconds to wait from a Retry-After header (seconds or an HTTP date), bounded to 1..30. */
  function retryAfterSeconds(value) {
    var seconds = parseInt(value, 10);
    if (isNaN(seconds) && value) seconds = Math.ceil((Date.parse(value) - Date.now()) / 1000);
    if (isNaN(seconds)) seconds = DEFAULT_RETRY_SECONDS;
    return Math.min(30, Math.max(1, seconds));
  }

  /** "2026-11-23" → "Mon, Nov 23" and "08:00" → "8:00 AM", for the confirmation box. */
  function formatDate(iso) {
    var parts = String(iso).split("-").map(Number);
    var date = new Date(parts[0], parts[1] - 1, parts[2]);
    return date.toLocaleDateString("en-US", { weekday: "short", month: "short", day: "numeric" });
  }

  function formatTime(hhmm) {
    var parts = String(hhmm).split(":").map(Number);
    var suffix = parts[0] < 12 ? "AM" : "PM";
    return ((parts[0] + 11) % 12 + 1) + ":" + String(parts[1]).padStart(2, "0") + " " + suffix;
  }

  /**
   * A Server-Sent Events parser (the text/event-stream format): feed it decoded text
   * as it arrives; it calls onEvent(type, data) for each complete event.
   */
  function SseParser(onEvent) {
    var buffer = "";
    var type = "";
    var data = [];
    var retry = null;

    function line(text) {
      if (text === "") {
        if (data.length) onEvent(type || "message", data.join("\n"), retry);
        type = ""; data = []; retry = null;
        return;
      }
      if (text.charAt(0) === ":") return;  // a comment (keep-alive ping)
      var colon = text.indexOf(":");
      var field = colon < 0 ? text : text.slice(0, colon);
      var value = colon < 0 ? "" : text.slice(colon + 1).replace(/^ /, "");
      if (field === "event") type = value;
      else if (field === "data") data.push(value);
      else if (field === "retry" && /^\d+$/.test(value)) retry = parseInt(value, 10);
    }

    this.feed = function (chunk) {
      buffer += chunk;
      for (;;) {
        var match = /\r\n|\r|\n/.exec(buffer);
        if (!match) return;
        // A "\r" at the very end may be the first half of "\r\n": wait for more.
        if (match[0] === "\r" && match.index === buffer.length - 1) return;
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    };
  }

  /** Session id storage that survives reloads and never throws (private modes). */
  function SessionMemory(kind, key) {
    var store = null;
    try { store = kind === "local" ? window.localStorage : window.sessionStorage; } catch (e) { store = null; }
    this.get = function () { try { return store && store.getItem(key); } catch (e) { return null; } };
    this.set = function (value) { try { if (store) store.setItem(key, value); } catch (e) { /* full or blocked */ } };
    this.clear = function () { try { if (store) store.removeItem(key); } catch (e) { /* blocked */ } };
  }

  /** One widget on the page. */
  function Widget(root, options) {
    this.apiBase = String(options.apiBase || (scriptUrl ? scriptUrl.origin : "")).replace(/\/+$/, "");
    this.token = options.token || null;
    this.tokenUrl = options.tokenUrl || null;
    this.memory = new SessionMemory(options.storage, "scheduling-widget:session:" + (this.apiBase || location.origin));
    this.sessionId = this.memory.get();
    this.busy = false;
    this.id = "sw" + (++instances);
    this.build(root);
    this.restore();
  }

  Widget.prototype.build = function (root) {
    var titleId = this.id + "-title";
    var inputId = this.id + "-input";
    this.log = el("ol", { "class": "sw-log", role: "log", "aria-live": "polite", "aria-relevant": "additions text",
      "aria-labelledby": titleId, tabindex: "0" });
    this.progress = el("p", { "class": "sw-progress", "aria-hidden": "true" });
    this.choices = el("div", { "class": "sw-choices" });
    this.input = el("input", { id: inputId, "class": "sw-input", type: "text", name: "message", maxlength: "2000",
      autocomplete: "off", enterkeyhint: "send" });
    this.sendButton = el("button", { type: "submit", "class": "sw-primary", text: "Send" });
    this.restartButton = el("button", { type: "button", "class": "sw-restart", text: "New conversation" });
    this.form = el("form", { "class": "sw-form" }, [
      el("div", { "class": "sw-field" }, [
        el("label", { "for": inputId, "class": "sw-label", text: "Message the assistant" }), this.input
      ]),
      this.sendButton
    ]);
    this.section = el("section", { "class": "sw", "aria-labelledby": titleId }, [
      el("div", { "class": "sw-header" }, [
        el("h2", { id: titleId, "class": "sw-title", text: "Scheduling assistant" }), this.restartButton
      ]),
      this.log, this.progress, this.choices, this.form
    ]);
    root.appendChild(this.section);

    var self = this;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = self.input.value.trim();
      if (!text || self.busy) return;
      self.input.value = "";
      self.send(text, "input");
    });
    this.restartButton.addEventListener("click", function () { self.restart(); });
  };

  /** Show the stored conversation (after a reload), or the welcome. */
  Widget.prototype.restore = async function () {
    if (!this.sessionId) { this.welcome(); return; }
    try {
      var response = await this.request("GET", "/api/sessions/" + encodeURIComponent(this.sessionId) + "/history");
      if (response.ok) {
        var history = await response.json();
        var self = this;
        history.messages.forEach(function (m) { self.addMessage(m.role, m.text); });
        if (history.messages.length) return;
      } else if (response.status === 403 || response.status === 404) {
        this.forgetSession();
      }
    } catch (e) { /* offline: start afresh below */ }
    this.welcome();
  };

  Widget.prototype.welcome = function () {
    this.addMessage("assistant", WELCOME);
    this.showReplies(STARTERS);
  };

  Widget.prototype.restart = async function () {
    if (this.busy) return;
    var old = this.sessionId;
    this.forgetSession();
    this.log.textContent = "";
    this.clearChoices();
    if (old) {
      try { await this.request("DELETE", "/api/sessions/" + encodeURIComponent(old)); } catch (e) { /* best effort */ }
    }
    this.welcome();
    this.input.focus();
  };

  Widget.prototype.forgetSession = function () {
    this.sessionId = null;
    this.memory.clear();
  };

  Widget.prototype.getToken = async function (renew) {
    if (this.token && !renew) return this.token;
    if (!this.tokenUrl) return this.token;
    var response = await fetch(this.tokenUrl, { method: "POST", credentials: "same-origin",
      headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error("token endpoint answered " + response.status);
    this.token = (await response.json()).token;
    return this.token;
  };

  /** An authenticated API call; a 401 renews the token once when a token URL is known. */
  Widget.prototype.request = async function (method, path, body, accept) {
    for (var attempt = 0; ; attempt++) {
      var token = await this.getToken(attempt > 0);
      var headers = { Accept: accept || "application/json", Authorization: "Bearer " + token };
      if (body !== undefined) headers["Content-Type"] = "application/json";
      var response = await fetch(this.apiBase + path, { method: method, headers: headers,
        body: body === undefined ? undefined : JSON.stringify(body) });
      if (response.status !== 401 || !this.tokenUrl || attempt > 0) return response;
    }
  };

  Widget.prototype.addMessage = function (role, text) {
    var who = { user: "You: ", assistant: "Assistant: ", notice: "Note: ", error: "Problem: " }[role] || "";
    var body = el("span", { "class": "sw-text", text: text });
    var item = el("li", { "class": "sw-msg sw-msg-" + role }, [el("span", { "class": "sw-sr", text: who }), body]);
    this.log.appendChild(item);
    this.log.scrollTop = this.log.scrollHeight;
    return body;
  };

  Widget.prototype.clearChoices = function () { this.choices.textContent = ""; };

  Widget.prototype.showReplies = function (replies) {
    if (!replies || !replies.length) return;
    var self = this;
    var group = el("div", { "class": "sw-replies", role: "group", "aria-label": "Suggested replies" });
    replies.forEach(function (reply) {
      var button = el("button", { type: "button", text: reply });
      button.addEventListener("click", function () { self.send(reply, "button"); });
      group.appendChild(button);
    });
    this.choices.appendChild(group);
  };

  /** The pending booking / move / cancellation as a clear yes-or-no choice. */
  Widget.prototype.showPending = function (pending) {
    var words = PENDING[pending.tool] || { title: "Go ahead?", yes: "Yes", no: "No" };
    var detail = "Project " + pending.project_id;
    if (pending.date) detail += " · " + formatDate(pending.date);
    if (pending.time) detail += " at " + formatTime(pending.time);
    var titleId = this.id + "-confirm-" + Date.now();
    var yes = el("button", { type: "button", "class": "sw-primary", text: words.yes });
    var no = el("button", { type: "button", text: words.no });
    var self = this;
    yes.addEventListener("click", function () { self.send("yes", "button", words.yes); });
    no.addEventListener("click", function () { self.send("no", "button", words.no); });
    var box = el("div", { "class": "sw-confirm", role: "group", "aria-labelledby": titleId, tabindex: "-1" }, [
      el("p", { id: titleId, "class": "sw-confirm-title", text: words.title }),
      el("p", { "class": "sw-confirm-detail", text: detail }),
      el("div", { "class": "sw-confirm-buttons" }, [yes, no])
    ]);
    this.choices.appendChild(box);
    return box;
  };

  Widget.prototype.setBusy = function (busy) {
    this.busy = busy;
    this.log.setAttribute("aria-busy", busy ? "true" : "false");
    this.sendButton.setAttribute("aria-disabled", busy ? "true" : "false");
    this.restartButton.setAttribute("aria-disabled", busy ? "true" : "false");
    if (!busy) this.progress.textContent = "";
  };

  /** Send one message (`shown`: the words to show for it, e.g. the button's label). */
  Widget.prototype.send = async function (text, source, shown) {
    if (this.busy) return;
    var hadFocus = this.section.contains(document.activeElement);
    this.setBusy(true);
    this.clearChoices();
    this.addMessage("user", shown || text);
    var bubble = this.addMessage("assistant", "");
    bubble.parentNode.classList.add("sw-typing");
    var answer = null;
    try {
      answer = await this.converse(text, bubble);
    } catch (e) {
      this.addMessage("error", "The connection was lost. Please check your network and send your message again.");
      if (source === "input") this.input.value = text;
    } finally {
      bubble.parentNode.classList.remove("sw-typing");
      if (!bubble.textContent) bubble.parentNode.remove();
      this.setBusy(false);
    }
    var focusTarget = this.showAnswer(answer);
    if (hadFocus) (source === "button" && focusTarget ? focusTarget : this.input).focus();
  };

  /** Choices of the answer; returns what a keyboard user should land on next. */
  Widget.prototype.showAnswer = function (answer) {
    if (!answer) return null;
    if (answer.pending_action) return this.showPending(answer.pending_action);
    this.showReplies(answer.quick_replies);
    return this.choices.querySelector("button");
  };

  /** POST the message and stream the answer, handling expiry, 401, 429 and 503. */
  Widget.prototype.converse = async function (text, bubble) {
    var retries = 0;
    var restarted = false;
    for (;;) {
      bubble.textContent = "";
      var response = await this.request("POST", "/api/chat/stream",
        { session_id: this.sessionId, message: text }, "text/event-stream");
      if (response.ok) {
        var result = await this.readStream(response, bubble);
        if (result.done) {
          bubble.textContent = result.done.response;
          this.sessionId = result.done.session_id;
          this.memory.set(this.sessionId);
          return result.done;
        }
        if (result.error) {
          if (result.retry !== null && retries < MAX_RETRIES) {
            retries++;
            await this.waitAndSay(result.error.message, Math.ceil(result.retry / 1000));
            continue;
          }
          this.addMessage("error", result.error.message);
          return null;
        }
        return this.recoverCutStream(bubble);
      }
      var problem = await this.errorOf(response);
      if ((response.status === 404 || response.status === 403) && this.sessionId && !restarted) {
        restarted = true;
        this.forgetSession();
        this.addMessage("notice", "Your previous conversation has ended, so I started a new one.");
        continue;
      }
      if ((response.status === 429 || response.status === 503) && retries < MAX_RETRIES) {
        retries++;
        await this.waitAndSay(problem, retryAfterSeconds(response.headers.get("Retry-After")));
        continue;
      }
      this.addMessage("error", problem);
      return null;
    }
  };

  Widget.prototype.waitAndSay = async function (message, seconds) {
    this.addMessage("notice", message + " Trying again in " + seconds + (seconds === 1 ? " second." : " seconds."));
    await sleep(seconds);
  };

  Widget.prototype.errorOf = async function (response) {
    try {
      var body = await response.json();
      if (body && body.error && body.error.message) return body.error.message;
    } catch (e) { /* not JSON */ }
    return "Something went wrong (" + response.status + "). Please try again.";
  };

  /** Read the event stream: progress, text pieces, then `done` or `error`. */
  Widget.prototype.readStream = async function (response, bubble) {
    var result = { done: null, error: null, retry: null };
    var self = this;
    var parser = new SseParser(function (type, data, retry) {
      var payload = JSON.parse(data);
      if (type === "node") self.progress.textContent = (PROGRESS[payload.node] || "Working") + "…";
      else if (type === "token") { bubble.textContent += payload.text; self.log.scrollTop = self.log.scrollHeight; }
      else if (type === "done") result.done = payload;
      else if (type === "error") { result.error = payload.error; result.retry = retry; }
    });
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    for (;;) {
      var chunk = await reader.read();
      if (chunk.done) break;
      parser.feed(decoder.decode(chunk.value, { stream: true }));
    }
    parser.feed(decoder.decode() + "\n\n");
    return result;
  };

  /** The stream broke before `done`: the turn still completes on the server, so show it from the history. */
  Widget.prototype.recoverCutStream = async function (bubble) {
    bubble.textContent = "";
    if (this.sessionId) {
      await sleep(1);
      var response = await this.request("GET", "/api/sessions/" + encodeURIComponent(this.sessionId) + "/history");
      if (response.ok) {
        var messages = (await response.json()).messages;
        var last = messages[messages.length - 1];
        if (last && last.role === "assistant") { bubble.textContent = last.text; return null; }
      }
    }
    this.addMessage("error", "The answer was interrupted. Please reload the page to see the conversation.");
    return null;
  };

  /** Mount a widget into `element` (options: token or tokenUrl, apiBase, storage). */
  function mount(element, options) {
    options = options || {};
    if (!element) throw new Error("SchedulingWidget.mount needs an element");
    if (!options.token && !options.tokenUrl) throw new Error("SchedulingWidget.mount needs a token or a tokenUrl");
    addStylesheet(options.stylesheet || (assetBase || String(options.apiBase || "").replace(/\/+$/, "")) + "/widget.css");
    return new Widget(element, options);
  }

  function addStylesheet(href) {
    var exists = Array.prototype.some.call(document.querySelectorAll("link[rel=stylesheet]"), function (link) {
      return link.href === new URL(href, window.location.href).href;
    });
    if (!exists) document.head.appendChild(el("link", { rel: "stylesheet", href: href }));
  }

  /** Mount from the script tag's data attributes, when it has a token or a token URL. */
  function autoMount() {
    var data = script.dataset;
    var target = data.target ? document.querySelector(data.target) : null;
    if (!target) {
      target = document.createElement("div");
      script.parentNode.insertBefore(target, script.nextSibling);
    }
    mount(target, { token: data.token, tokenUrl: data.tokenUrl, apiBase: data.api, storage: data.storage });
  }

  window.SchedulingWidget = { mount: mount };
  if (script && (script.dataset.token || script.dataset.tokenUrl)) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", autoMount);
    else autoMount();
  }
})();
