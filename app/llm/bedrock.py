"""Claude on Amazon Bedrock as the intent provider, with the fewest LLM calls per turn.

Routing per message (``BedrockProvider.classify``):

1. the local provider classifies first (about a millisecond, no network);
2. its answer is kept, with no LLM call, when it came from the dialogue context
   (``source == "context"``: yes/no to a pending action, a pick from a list just
   shown), when it is a greeting/thanks/goodbye at or above
   ``INTENT_CONFIDENCE_THRESHOLD``, or when its confidence reaches
   ``BEDROCK_SKIP_CONFIDENCE``;
3. otherwise exactly one Bedrock Converse call (``langchain_aws.ChatBedrockConverse``
   with a forced tool call whose schema is ``app.llm.schema.ClassificationCall``);
4. a failed call, an open circuit breaker, or an invalid answer gives the local answer.

The model only classifies: its output is an intent, a confidence and entity strings,
nothing that identifies the customer or performs a write (see ``app.llm.schema``).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from typing import Any

import structlog
from langchain_aws import ChatBedrockConverse
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.runnables import Runnable

from app.config import Settings
from app.llm import prompts
from app.llm.aws import client_config, create_client, endpoint_host, error_code, explain_error
from app.llm.base import ClassificationRequest, IntentProvider, LLMUsage
from app.llm.breaker import CircuitBreaker
from app.llm.schema import ClassificationCall, parse_answer
from app.nlu.types import INTENTS, NluResult
from app.turn_gate import stepping_out

log = structlog.get_logger(__name__)

#: Intents the local classifier settles alone once it is confident enough.
LOCAL_CHITCHAT = frozenset({"greeting", "thanks", "goodbye"})
#: Output cap of one call (tokens): a classification is ~50-150, a phrased reply ~100-300.
MAX_OUTPUT_TOKENS = 512
_NUMBER = re.compile(r"\d+")


#: When (``time.monotonic()``, s) the Bedrock call in progress must have ended. langchain
#: runs botocore in a worker thread with a copy of the caller's context, so the thread
#: sees the value set by ``_call`` / ``stream_phrase``; None outside a call.
_CALL_DEADLINE: ContextVar[float | None] = ContextVar("bedrock_call_deadline", default=None)


class BedrockNotConfiguredError(RuntimeError):
    """``BEDROCK_MODEL_ID`` is not set (raised inside the provider, never to callers)."""


class CallBudgetSpentError(RuntimeError):
    """Raised in botocore's thread before an attempt that would start after the call budget."""


def refuse_attempts_after_deadline(**_: Any) -> None:
    """botocore ``before-send`` handler: no new HTTP attempt once the call's budget is spent.

    The provider stops waiting at ``BEDROCK_CALL_BUDGET_SECONDS``, but botocore's call
    runs on in langchain's worker thread and would go on retrying (up to
    ``BEDROCK_MAX_ATTEMPTS``, each up to the read timeout, with backoff in between),
    holding a thread of the default executor all that time. ``before-send`` is emitted
    before every attempt, retries included (botocore's event system, public API).

    Raises:
        CallBudgetSpentError: the deadline set for this call has passed.
    """
    deadline = _CALL_DEADLINE.get()
    if deadline is not None and time.monotonic() >= deadline:
        raise CallBudgetSpentError("the Bedrock call budget is spent; no further attempt")


@contextlib.contextmanager
def call_deadline(budget_seconds: float) -> Iterator[None]:
    """Within the block, botocore attempts made for this context stop at `budget_seconds` from now."""
    token = _CALL_DEADLINE.set(time.monotonic() + budget_seconds)
    try:
        yield
    finally:
        _CALL_DEADLINE.reset(token)


@contextlib.asynccontextmanager
async def awaiting_bedrock(budget_seconds: float) -> AsyncIterator[None]:
    """Around every await on Bedrock: botocore starts no attempt after `budget_seconds`
    from now (:func:`call_deadline`), and the turn steps out of the turn gate for the
    wait (a remote service: another turn may use this process meanwhile)."""
    with call_deadline(budget_seconds):
        async with stepping_out():
            yield


class BedrockProvider:
    """Intent provider: local classifier first, one Claude call on Bedrock when needed.

    Args:
        settings: service settings (``bedrock_*``, ``llm_*``, ``aws_region``,
            ``intent_confidence_threshold``).
        fallback: the provider run first and returned whenever Bedrock is skipped or fails
            (the factory passes ``LocalProvider()``).
        client: a boto3 ``bedrock-runtime`` client to use instead of building one
            (tests inject a stubbed one).
        clock: monotonic clock in seconds for the circuit breaker (tests inject one).

    No method raises for model or network failures. The Bedrock client and the chat model
    are built lazily, once, at the first call that needs them.
    """

    name = "bedrock"

    def __init__(
        self,
        settings: Settings,
        fallback: IntentProvider,
        *,
        client: Any | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.fallback = fallback
        self.breaker = CircuitBreaker(
            settings.bedrock_breaker_failures, settings.bedrock_breaker_cooldown_seconds, clock=clock
        )
        self._client = client
        self._chat: ChatBedrockConverse | None = None
        self._classifier: Runnable | None = None

    # ------------------------------------------------------------------ public API

    def status(self) -> dict[str, Any]:
        """Health summary: ``{"provider": "bedrock", "model_id", "region", "breaker": "closed"|"open"|"half_open",
        "consecutive_failures": n}``. Makes no call."""
        return {
            "provider": self.name,
            "model_id": self.settings.bedrock_model_id,
            "region": self.settings.aws_region,
            **self.breaker.snapshot(),
        }

    async def classify(self, request: ClassificationRequest, usage: LLMUsage) -> NluResult:
        """Classify ``request``: the local answer when it suffices, else one Bedrock call.

        A Bedrock call is added to ``usage`` (calls, input/output tokens from the response's
        usage metadata, latency in ms) whether or not its answer was usable.
        """
        local = await self.fallback.classify(request, usage)
        if self.local_is_enough(local):
            return local
        messages = prompts.classification_messages(
            request,
            history_turns=self.settings.llm_history_turns,
            history_max_tokens=self.settings.llm_history_max_tokens,
        )
        raw = await self._call(self._classification_runnable, messages, usage, purpose="classify")
        if raw is None:
            return local
        answer = parse_answer(raw, local.entities)
        if answer is None:
            log.warning("bedrock_answer_invalid", tool_calls=len(raw.tool_calls), content=str(raw.content)[:200])
            return local
        if answer.replaced:
            log.info("bedrock_entities_replaced", entities=list(answer.replaced))
        ranking = merge_ranking(answer.intent, answer.confidence, local.ranking)
        return NluResult(answer.intent, answer.confidence, ranking, answer.entities, "model")

    def local_is_enough(self, local: NluResult) -> bool:
        """Whether the local answer stands without an LLM call (see the module docstring)."""
        if local.source == "context":
            return True
        if local.intent in LOCAL_CHITCHAT and local.confidence >= self.settings.intent_confidence_threshold:
            return True
        return local.confidence >= self.settings.bedrock_skip_confidence

    async def phrase(self, draft: str, facts: Mapping[str, Any], usage: LLMUsage) -> str:
        """The template reply ``draft`` rephrased by the model, or ``draft`` itself.

        ``draft`` comes back unchanged when ``LLM_PHRASE_RESPONSES`` is off, the breaker is
        open, the call fails, the answer is empty or much longer than the draft, or it lost
        a number of the draft (dates, times, ids). ``facts`` is shown to the model as JSON.
        """
        if not self.settings.llm_phrase_responses or not draft.strip():
            return draft
        raw = await self._call(self._chat_model, prompts.phrase_messages(draft, facts), usage, purpose="phrase")
        text = raw.text.strip() if raw is not None else ""
        return text if keeps_facts(draft, text) else draft

    async def stream_phrase(self, draft: str, facts: Mapping[str, Any], usage: LLMUsage) -> AsyncIterator[str]:
        """Like :meth:`phrase`, as text chunks (``ChatBedrockConverse.astream`` / ConverseStream).

        Yields ``draft`` as one chunk when phrasing is off, the breaker is open, or the call
        fails before its first text. A failure after some text ends the stream early (logged):
        streamed text cannot be checked against the draft before it is shown.
        """
        if not self.settings.llm_phrase_responses or not draft.strip() or not self.breaker.allow():
            yield draft
            return
        started = time.perf_counter()
        tokens_in = tokens_out = 0
        sent = False
        error: Exception | None = None
        stream: AsyncIterator[Any] | None = None
        try:
            stream = self._chat_model().astream(prompts.phrase_messages(draft, facts))
            deadline = started + self.settings.bedrock_call_budget_seconds
            while True:
                remaining = deadline - time.perf_counter()
                try:
                    async with awaiting_bedrock(max(remaining, 0.0)):
                        chunk = await asyncio.wait_for(anext(stream), max(remaining, 0.001))
                except StopAsyncIteration:
                    break
                meta = chunk.usage_metadata or {}
                tokens_in += meta.get("input_tokens", 0)
                tokens_out += meta.get("output_tokens", 0)
                if text := chunk.text:
                    sent = True
                    yield text
        except Exception as exc:  # noqa: BLE001 - any model failure falls back to the draft
            error = exc
        except BaseException:  # the consumer stopped early, or cancellation: no verdict
            self.breaker.release()
            raise
        finally:
            if stream is not None:
                with contextlib.suppress(Exception):
                    await stream.aclose()  # type: ignore[attr-defined]
            usage.add(
                input_tokens=tokens_in, output_tokens=tokens_out, latency_ms=(time.perf_counter() - started) * 1000
            )
        if error is None:
            self.breaker.record_success()
            return
        self.breaker.record_failure()
        self._log_failure(error, "stream_phrase")
        if not sent:
            yield draft

    # ------------------------------------------------------------------ the one call

    async def _call(
        self,
        runnable: Callable[[], Runnable],
        messages: Sequence[BaseMessage],
        usage: LLMUsage,
        *,
        purpose: str,
    ) -> AIMessage | None:
        """One Bedrock call through ``runnable()`` within the call budget; None on failure or open breaker."""
        if not self.breaker.allow():
            log.info("bedrock_skipped_breaker_open", purpose=purpose, **self.breaker.snapshot())
            return None
        try:
            target = runnable()
        except Exception as exc:  # noqa: BLE001 - misconfiguration: no request was sent
            self.breaker.record_failure()
            self._log_failure(exc, purpose)
            return None
        started = time.perf_counter()
        budget = self.settings.bedrock_call_budget_seconds
        try:
            async with awaiting_bedrock(budget):  # the deadline is copied into langchain's worker thread
                result = await asyncio.wait_for(target.ainvoke(list(messages)), budget)
        except Exception as exc:  # noqa: BLE001 - throttling, timeouts, service errors
            usage.add(input_tokens=0, output_tokens=0, latency_ms=(time.perf_counter() - started) * 1000)
            self.breaker.record_failure()
            self._log_failure(exc, purpose)
            return None
        except BaseException:  # cancelled with the turn: no verdict on the service
            self.breaker.release()
            raise
        self.breaker.record_success()
        raw = result.get("raw") if isinstance(result, dict) else result
        meta = getattr(raw, "usage_metadata", None) or {}
        usage.add(
            input_tokens=meta.get("input_tokens", 0),
            output_tokens=meta.get("output_tokens", 0),
            latency_ms=(time.perf_counter() - started) * 1000,
        )
        return raw if isinstance(raw, AIMessage) else None

    def _log_failure(self, exc: Exception, purpose: str) -> None:
        client = self._chat.client if self._chat is not None else self._client
        log.warning(
            "bedrock_call_failed",
            purpose=purpose,
            error=type(exc).__name__,
            code=error_code(exc) or None,
            reason=explain_error(
                exc.__cause__ if isinstance(exc.__cause__, Exception) else exc,
                host=endpoint_host(client) if client is not None else "bedrock-runtime",
                model_id=str(self.settings.bedrock_model_id),
                region=str(self.settings.aws_region),
            ),
            **self.breaker.snapshot(),
        )

    # ------------------------------------------------------------------ lazy construction

    def _chat_model(self) -> ChatBedrockConverse:
        """The chat model, built on first use (with the injected or a new bedrock-runtime client)."""
        if self._chat is None:
            s = self.settings
            if not s.bedrock_model_id:
                raise BedrockNotConfiguredError("BEDROCK_MODEL_ID is not set")
            config = client_config(
                connect_timeout=s.bedrock_connect_timeout_seconds,
                read_timeout=s.bedrock_read_timeout_seconds,
                max_attempts=s.bedrock_max_attempts,
            )
            client = self._client or create_client(
                "bedrock-runtime", region=s.aws_region, config=config, endpoint_url=s.bedrock_endpoint_url
            )
            client.meta.events.register("before-send.bedrock-runtime", refuse_attempts_after_deadline,
                                        unique_id="scheduling-agent-call-deadline")
            self._chat = ChatBedrockConverse(
                model=s.bedrock_model_id,
                region_name=s.aws_region or client.meta.region_name,
                client=client,
                config=config,
                temperature=0,
                max_tokens=MAX_OUTPUT_TOKENS,
            )
        return self._chat

    def _classification_runnable(self) -> Runnable:
        """Chat model + forced ``record_classification`` tool call; returns ``{"raw": AIMessage, ...}``."""
        if self._classifier is None:
            self._classifier = self._chat_model().with_structured_output(ClassificationCall, include_raw=True)
        return self._classifier


def merge_ranking(
    intent: str, confidence: float, local_ranking: Sequence[tuple[str, float]]
) -> tuple[tuple[str, float], ...]:
    """The model's intent first at ``confidence``; the local runners-up share the rest.

    Each runner-up gets ``(1 - confidence)`` split in proportion to its local probability,
    capped at ``confidence`` so the model's intent stays first; padded with other intents
    at 0.0 to at least three entries (``NluResult.ranking``'s contract).
    """
    best: dict[str, float] = {}
    for name, p in local_ranking:
        if name != intent and name in INTENTS:
            best[name] = max(p, best.get(name, 0.0))
    others = list(best.items())
    total = sum(p for _, p in others)
    share = 1.0 - confidence
    ranking = [(intent, round(confidence, 4))]
    for name, p in sorted(others, key=lambda item: -item[1]):
        ranking.append((name, round(min(confidence, share * p / total) if total else 0.0, 4)))
    for name in INTENTS:
        if len(ranking) >= 3:
            break
        if all(name != n for n, _ in ranking):
            ranking.append((name, 0.0))
    return tuple(ranking)


def keeps_facts(draft: str, text: str) -> bool:
    """Whether a rephrased ``text`` is usable: non-empty, at most ~3x the draft, and every
    number of the draft (dates, times, ids, counts) still appears in it."""
    if not text or len(text) > 3 * len(draft) + 200:
        return False
    kept = set(_NUMBER.findall(text))
    return all(n in kept for n in _NUMBER.findall(draft))
