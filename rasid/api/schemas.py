"""Request and response bodies of the HTTP API (the contract models are reused as they are)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")

    published: str | None = Field(None, description="publication date YYYY-MM-DD; anchors 'yesterday', 'Sunday'",
                                  examples=["2022-01-24"])
    id: str = Field("doc", max_length=500, description="echoed back as the result's id")
    title: str | None = None
    url: str | None = None
    outlet: str | None = None


class ExtractText(_Input):
    """Plain article text."""

    text: str = Field(description="the article text (Arabic)")


class ExtractHtml(_Input):
    """A news page: the article is taken out of it (navigation, related links and comments dropped)
    and the result carries that text as `text`, which its offsets point into."""

    html: str = Field(description="the HTML of a news page")


ExtractRequest = ExtractText | ExtractHtml


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    version: str
    dashboard: bool = Field(description="whether the dashboard's built assets are present")
    store: str | None = Field(None, description="database backend in use (sqlite, postgresql) or null")
