"""Stage contracts (rasid/pipeline/stages.py): the order of run.STAGES is checked at import, and the
fields the stages declare are the fields they really fill."""

from __future__ import annotations

import re

import pytest

from rasid import extract
from rasid.pipeline.analysis import Analysis, Mention
from rasid.pipeline.gate import GATE
from rasid.pipeline.run import STAGES, parse_published
from rasid.pipeline.stages import TEXT_LAYER, Stage, StageError, check

PUBLISHED = "2024-03-10"


def analyse(text: str, until: str = "claims", published: str | None = PUBLISHED) -> Analysis:
    """Run the pipeline's stages over `text` up to the stage named `until` (included)."""
    an = Analysis(text, parse_published(published, []))
    for stage in STAGES:
        stage.run(an)
        if stage.name == until:
            return an
    raise AssertionError(f"no stage {until!r}")


def mention(an: Analysis, trigger: str) -> Mention:
    return next(m for m in an.mentions if an.norm[m.start:m.end] == trigger)


def fields(cls: type) -> set[str]:
    """The fields of a class: its slots, or compiled (mypyc), its native attributes."""
    names = getattr(cls, "__slots__", None) or cls.__mypyc_attrs__  # type: ignore[attr-defined]
    return {n for n in names if not n.startswith("_")}


def nothing(an: Analysis) -> None:
    pass


def named(name: str) -> Stage:
    return next(s for s in STAGES if s.name == name)


# ---- the order -----------------------------------------------------------------------------------


def test_the_pipeline_order_fits() -> None:
    assert check(STAGES) == STAGES
    assert [s.name for s in STAGES] == ["layout", "detect", "gate", "places", "actors", "dates", "counts", "claims",
                                        "background", "merge", "consolidate", "assemble"]


def test_claims_before_actors_fails_naming_the_field() -> None:
    order = [s for s in STAGES if s.name != "claims"]
    order.insert(order.index(named("actors")), named("claims"))
    with pytest.raises(StageError, match=re.escape(
            "stage 'claims' requires 'mention.actor1', which no stage before it assigns "
            "('actors' assigns it, but runs after 'claims')")):
        check(tuple(order))


def test_a_resolver_before_detection_fails() -> None:
    order = [s for s in STAGES if s.name != "places"]
    order.insert(1, named("places"))
    with pytest.raises(StageError, match="stage 'places' requires 'analysis.mentions'"):
        check(tuple(order))


def test_a_field_no_stage_assigns_fails() -> None:
    with pytest.raises(StageError, match=re.escape(
            "stage 'detect' requires 'analysis.layout', which no stage before it assigns (no stage assigns it)")):
        check(tuple(s for s in STAGES if s.name != "layout"))


@pytest.mark.parametrize("field", ["mention.no_such_field", "analysis.matches", "analysis._memo", "location",
                                   "event.actor1", "mention."])
@pytest.mark.parametrize("side", ["requires", "assigns"])
def test_undeclared_names_fail(field: str, side: str) -> None:
    extra = Stage("extra", nothing, **{side: (field,)})  # type: ignore[arg-type]
    with pytest.raises(StageError, match=re.escape(f"stage 'extra' declares {field!r}")):
        check((*STAGES[:2], extra, *STAGES[2:]))


def test_a_new_stage_in_its_place_fits() -> None:
    """The trained gate after detection (it reads the trigger fields and keeps some mentions), and
    a filter of the same kind after it."""
    assert STAGES[2] is GATE
    extra = Stage("extra", nothing, requires=("analysis.mentions", "mention.plover", "mention.modality"),
                  assigns=("analysis.mentions",))
    assert check((*STAGES[:3], extra, *STAGES[3:]))[3] is extra
    with pytest.raises(StageError, match="stage 'gate' requires 'analysis.mentions'"):
        check((GATE, *STAGES[:2], *STAGES[3:]))


def test_two_stages_of_one_name_fail() -> None:
    with pytest.raises(StageError, match="two stages are named 'places'"):
        check((*STAGES, named("places")))


def test_every_field_is_filled_by_the_text_layer_or_a_stage() -> None:
    assigned = {f for s in STAGES for f in s.assigns} | set(TEXT_LAYER)
    assert {f"mention.{n}" for n in fields(Mention)} <= assigned
    assert {f"analysis.{n}" for n in fields(Analysis)} <= assigned


# ---- the stages fill what they declare -------------------------------------------------------------

SAMPLE = [
    # counts, arrests, a date, a source
    "قتل ثلاثة جنود وأصيب خمسة آخرون واعتقل عشرة مسلحين في هجوم على حاجز في مدينة الموصل أمس، بحسب مصادر أمنية.",
    # the second sentence takes its place from the first
    "قتل ثلاثة جنود في هجوم على حاجز في مدينة الموصل. وأصيب خمسة مدنيين بجروح في انفجار عبوة ناسفة.",
    # one side of a clash names two actors
    "اندلعت اشتباكات عنيفة بين الجيش السوري والقوات الروسية من جهة وتنظيم داعش من جهة أخرى قرب تدمر.",
    # a list of places: one event each
    "قتل خمسة أشخاص في قصف على حلب وإدلب أمس.",
    # a toll raised later
    "قتل خمسة أشخاص في تفجير سيارة مفخخة في بغداد. وارتفع عدد القتلى إلى 12 قتيلا في التفجير.",
    # arrests told clause by clause, each clause with its own town
    "اعتقلت قوات الاحتلال شابا في مدينة نابلس، كما اعتقلت شابين في مدينة جنين.",
]
# texts without a publication date: a day named but not resolved
UNDATED = ["قتل ثلاثة جنود في هجوم على حاجز في مدينة الموصل يوم الخميس."]
RESOLVERS = ["places", "actors", "dates", "counts", "claims"]


@pytest.mark.parametrize("name", RESOLVERS)
def test_each_resolver_fills_the_fields_it_declares(name: str) -> None:
    """Fields first assigned by a resolver are at their default on every mention before it runs, and
    filled on some mention of the sample after it."""
    stage = named(name)
    earlier = {f for s in STAGES[:STAGES.index(stage)] for f in s.assigns}
    own = [f.split(".", 1)[1] for f in stage.assigns if f.startswith("mention.") and f not in earlier]
    assert own
    filled: set[str] = set()
    for text, published in [(t, PUBLISHED) for t in SAMPLE] + [(t, None) for t in UNDATED]:
        an = analyse(text, until=STAGES[STAGES.index(stage) - 1].name, published=published)
        blank = Mention(an.sentences[0], 0, 0, "ASSAULT", None, "V")
        before = [[getattr(m, f) for f in own] for m in an.mentions]
        assert all(values == [getattr(blank, f) for f in own] for values in before)
        stage.run(an)
        filled |= {f for m in an.mentions for f in own if getattr(m, f) != getattr(blank, f)}
    assert filled == set(own)


def test_layout_fills_the_headline_end_and_merge_the_headline_flag() -> None:
    an = analyse("مقتل جنديين في هجوم على حاجز بالموصل\nقتل جنديان عراقيان في هجوم على حاجز في مدينة الموصل أمس.",
                 until="layout")
    assert an.layout is not None and an.layout.headline_end == an.norm.index("\n")
    an = analyse(an.text, until="merge")
    assert [(m.headline, m.main) for m in an.mentions] == [(False, True)]  # the headline merged into the body


def test_a_subheadline_under_the_headline_is_headline_too() -> None:
    """A second short line with no full stop is the subheadline: its events are the body's, told again."""
    text = ("قوات الأمن تعزز من تواجدها في مدينة العريش\nبعد أن هاجم مسلحون ملثمون المارة بشوارع المدينة\n"
            "واصلت قوات الأمن بمدينة العريش انتشارها اليوم.\nوتأتي التطورات بعد أن هاجم مسلحون ملثمون المارة.")
    an = analyse(text, until="layout")
    assert an.layout is not None and an.layout.headline_end == an.norm.index("\n", an.norm.index("\n") + 1)
    one_line = analyse("مقتل جنديين في هجوم على حاجز بالموصل\nقتل جنديان عراقيان في هجوم على حاجز في الموصل أمس.",
                       until="layout")
    assert one_line.layout is not None and one_line.layout.headline_end == one_line.norm.index("\n")


def test_a_clash_verb_sets_clash() -> None:
    text = "اشتبك مسلحون مع قوات الأمن في مدينة حلب أمس."
    assert mention(analyse(text, until="detect"), "اشتبك").clash
    assert [e.acled_sub_event_type for e in extract(text, PUBLISHED).events] == ["Armed clash"]


def test_an_imperfect_verb_is_no_main_event() -> None:
    m = mention(analyse("يقصف الجيش القرى الحدودية كل يوم.", until="detect"), "يقصف")
    assert m.imperfect and not m.main
    assert not mention(analyse("قصف الجيش القرى الحدودية أمس.", until="detect"), "قصف").imperfect


def test_a_crowd_verb_needs_a_crowd() -> None:
    text = "توجه آلاف المتظاهرين إلى ساحة التحرير في بغداد."
    assert mention(analyse(text, until="detect"), "توجه").crowd == "crowd"
    assert [e.plover for e in extract(text, PUBLISHED).events] == ["PROTEST"]
    assert extract("توجه الوزير إلى بغداد أمس.", PUBLISHED).events == []  # no crowd: a journey


def test_a_sentence_without_a_place_takes_the_one_before() -> None:
    an = analyse(SAMPLE[1], until="places")
    assert not mention(an, "قتل").place_from_context
    m = mention(an, "واصيب")
    assert m.place_from_context and m.location is not None and m.location.name == "Mosul"
    assert len(extract(SAMPLE[1], PUBLISHED).events) == 1  # the second sentence elaborates on the first


def test_dispersing_a_protest_is_its_intervention() -> None:
    text = "تظاهر مئات الطلاب في عمان، وفرقت الشرطة المتظاهرين بالغاز المسيل للدموع."
    assert not mention(analyse(text, until="claims"), "تظاهر").intervention
    assert mention(analyse(text, until="merge"), "تظاهر").intervention
    events = extract(text, PUBLISHED).events
    assert [(e.plover, e.acled_sub_event_type) for e in events] == [("PROTEST", "Protest with intervention")]


def test_one_side_of_a_clash_names_actor1_and_its_associate() -> None:
    m = mention(analyse(SAMPLE[2], until="actors"), "اشتباكات")
    assert m.actor1 is not None and m.actor1.text == "الجيش السوري"
    assert [a.text for a in m.actor1_assoc] == ["القوات الروسية"]
    assert m.actor2 is not None and m.actor2.text == "تنظيم داعش"
