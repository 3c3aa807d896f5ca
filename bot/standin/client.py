"""An async client for the stand-in's /_sandbox/ control API, for use from other processes.

Method names mirror `BotAPIStandIn`, so code can move between in-process and remote use:
    async with StandInClient("http://127.0.0.1:8081") as standin:
        await standin.inject_message(42, "/start")
        [reply] = await standin.wait_for_messages(42, 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Unpack

import aiohttp

from bot.standin.chats import UserFields, check_user_fields
from bot.standin.records import MESSAGE_METHODS, Sent, StandInTimeout


class ControlError(RuntimeError):
    """The stand-in refused a control request (bad input); the message says why."""


class StandInClient:
    def __init__(self, url: str, *, session: aiohttp.ClientSession | None = None):
        self.url = url.rstrip("/")
        self._session = session
        self._owns_session = session is None

    async def __aenter__(self) -> StandInClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None and self._owns_session:
            await self._session.close()
        self._session = None

    async def health(self) -> dict[str, Any]:
        return await self._request("GET", "health")

    async def inject_message(
        self,
        chat_id: int,
        text: str,
        *,
        reply_to_message_id: int | None = None,
        **user: Unpack[UserFields],
    ) -> dict[str, Any]:
        check_user_fields(user)
        body = {"chat_id": chat_id, "text": text, "reply_to_message_id": reply_to_message_id}
        return await self._request("POST", "messages", json=_drop_none({**body, **user}))

    async def inject_media(
        self, chat_id: int, kind: str, *, caption: str | None = None, **user: Unpack[UserFields]
    ) -> dict[str, Any]:
        check_user_fields(user)
        body = {"chat_id": chat_id, "kind": kind, "caption": caption, **user}
        return await self._request("POST", "media", json=_drop_none(body))

    async def inject_edit(self, chat_id: int, message_id: int, text: str) -> dict[str, Any]:
        body = {"chat_id": chat_id, "message_id": message_id, "text": text}
        return await self._request("POST", "edits", json=body)

    async def inject_callback(
        self, chat_id: int, data: str, *, message_id: int | None = None
    ) -> dict[str, Any]:
        body = _drop_none({"chat_id": chat_id, "data": data, "message_id": message_id})
        return await self._request("POST", "callbacks", json=body)

    async def user_blocks(self, chat_id: int) -> dict[str, Any]:
        """The user blocks the bot: sends fail with 403 and the bot hears my_chat_member."""
        body = {"chat_id": chat_id, "status": "kicked"}
        return await self._request("POST", "membership", json=body)

    async def user_unblocks(self, chat_id: int) -> dict[str, Any]:
        body = {"chat_id": chat_id, "status": "member"}
        return await self._request("POST", "membership", json=body)

    async def inject_channel_post(self, chat_id: int, text: str) -> dict[str, Any]:
        body = {"chat_id": chat_id, "text": text}
        return await self._request("POST", "channel_posts", json=body)

    async def sent(
        self, *, chat_id: int | None = None, after: int = 0, method: str | None = None
    ) -> list[Sent]:
        """Every record from index `after` on (failed calls too)."""
        query = _drop_none({"chat_id": chat_id, "after": after, "method": method})
        answer = await self._request("GET", "sent", params=query)
        return [Sent.from_dict(r) for r in answer["records"]]

    async def next_index(self) -> int:
        """The index the stand-in's next record will get: pass it as `after` to wait for the
        bot's next messages (`BotAPIStandIn.next_index`)."""
        return (await self._request("GET", "sent", params={"method": "none"}))["next"]

    async def wait(
        self,
        *,
        chat_id: int | None = None,
        count: int = 1,
        timeout: float = 5.0,
        after: int = 0,
        methods: Iterable[str] | None = MESSAGE_METHODS,
    ) -> list[Sent]:
        """Like `BotAPIStandIn.wait_for_records`; methods=None waits for any call."""
        query = {
            "count": count,
            "timeout": timeout,
            "after": after,
            "methods": "*" if methods is None else ",".join(methods),
        }
        if chat_id is not None:
            query["chat_id"] = chat_id
        answer = await self._request("GET", "wait", params=query, wait=timeout)
        return [Sent.from_dict(r) for r in answer["records"]]

    async def wait_for_messages(
        self, chat_id: int | None, count: int = 1, timeout: float = 5.0, *, after: int = 0
    ) -> list[Sent]:
        return await self.wait(chat_id=chat_id, count=count, timeout=timeout, after=after)

    async def add_fault(self, kind: str, **options: Any) -> dict[str, Any]:
        answer = await self._request("POST", "faults", json={"kind": kind, **options})
        return answer["fault"]

    async def clear_faults(self) -> None:
        await self._request("DELETE", "faults")

    async def block(self, chat_id: int) -> None:
        await self._request("POST", "blocked", json={"chat_id": chat_id, "blocked": True})

    async def unblock(self, chat_id: int) -> None:
        await self._request("POST", "blocked", json={"chat_id": chat_id, "blocked": False})

    async def stats(self) -> dict[str, int]:
        return await self._request("GET", "stats")

    async def clear(self) -> int:
        """Forget the records; returns the next record index."""
        return (await self._request("POST", "clear"))["next"]

    async def _request(
        self, verb: str, path: str, *, wait: float = 0.0, **kwargs: Any
    ) -> dict[str, Any]:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        timeout = aiohttp.ClientTimeout(total=wait + 10.0)
        url = f"{self.url}/_sandbox/{path}"
        async with self._session.request(verb, url, timeout=timeout, **kwargs) as response:
            body = await response.json()
        if response.status == 408:
            received = [Sent.from_dict(r) for r in body.get("records", [])]
            raise StandInTimeout(f"the stand-in at {self.url}", received)
        if response.status != 200:
            raise ControlError(body.get("error", f"HTTP {response.status}"))
        return body


def _drop_none(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}
