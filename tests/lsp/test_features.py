"""Every feature of ``argmap lsp``, end to end over stdio with pytest-lsp."""

from __future__ import annotations

import pytest
from lsprotocol import types

from tests.lsp.documents import Documents

pytestmark = pytest.mark.asyncio(loop_scope="module")

MUSEUM = """\
title: Mondays
conclusion open: The museum should open on Mondays.
  premise tickets: The museum would sell more tickets, because tourists come on Mondays.
  objection cost: Opening on Mondays would raise the museum's staff costs. {note: is it? check the budget}
    rebuttal: Volunteers would staff the museum on Mondays.
    rebuttal @tickets
"""


def _doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


def _at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


async def test_diagnostics_carry_the_codes_of_argmap_check(client, documents: Documents):
    uri = await documents.open(MUSEUM)
    codes = {d.code for d in client.diagnostics[uri]}
    assert "AM302" in codes  # 'because' in one box
    broken = await documents.replace(uri, MUSEUM.replace("premise tickets:", "premis tickets:"))
    assert [(d.code, d.range.start.line, d.range.start.character) for d in broken] == [("AM001", 2, 2)]
    assert "did you mean 'premise'?" in broken[0].message


async def test_every_mistake_at_once_and_the_checks_of_the_rest(client, documents: Documents):
    broken = (
        MUSEUM.replace("premise tickets:", "premis tickets:").replace("rebuttal: Volunteers", "rebutal: Volunteers")
        + "  objection: Weekends.\n"
    )
    found = await documents.replace(await documents.open(MUSEUM, "broken.arg"), broken)
    assert [(d.code, d.range.start.line) for d in found if d.code == "AM001"] == [("AM001", 2), ("AM001", 4)]
    assert {d.code for d in found if d.range.start.line == 6} >= {"AM201", "AM301"}  # the checks of the rest


async def test_settings_of_argmap_check_apply(client, documents: Documents):
    (documents.directory / "argmap.toml").write_text('ignore = ["AM302"]\n')
    uri = await documents.open(MUSEUM, "configured.arg")
    assert "AM302" not in {d.code for d in client.diagnostics[uri]}


async def test_quick_fix_did_you_mean(client, documents: Documents):
    uri = await documents.open(MUSEUM.replace("rebuttal @tickets", "rebuttal @tikets"))
    [problem] = [d for d in client.diagnostics[uri] if d.severity == types.DiagnosticSeverity.Error]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(_doc(uri), problem.range, types.CodeActionContext(diagnostics=[problem]))
    )
    [fix] = [a for a in actions if a.title.startswith("Change")]
    [edit] = fix.edit.changes[uri]
    assert edit.new_text == "@tickets" and edit.range == problem.range


async def test_quick_fixes_noqa_and_split(client, documents: Documents):
    uri = await documents.open(MUSEUM)
    [reasoning] = [d for d in client.diagnostics[uri] if d.code == "AM302"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(_doc(uri), reasoning.range, types.CodeActionContext(diagnostics=[reasoning]))
    )
    by_title = {a.title.split(" ")[0]: a.edit.changes[uri][0] for a in actions}
    assert by_title["Silence"].new_text == " {noqa: AM302}"
    split = by_title["Split"].new_text
    assert split == ("  claim tickets: The museum would sell more tickets.\n    premise: Tourists come on Mondays.")
    after = await documents.replace(
        uri,
        MUSEUM.replace(
            "  premise tickets: The museum would sell more tickets, because tourists come on Mondays.", split
        ),
    )
    assert "AM302" not in {d.code for d in after} and "AM001" not in {d.code for d in after}


async def test_formatting_uses_fmt(client, documents: Documents):
    uri = await documents.open("conclusion:   Open on Mondays.\n    premise:  Tourists come.\n")
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(_doc(uri), types.FormattingOptions(tab_size=2, insert_spaces=True))
    )
    assert [e.new_text for e in edits] == ["conclusion: Open on Mondays.\n  premise: Tourists come.\n"]
    unreadable = await documents.open("conclusion: x\n  premis: y\n", "broken.arg")
    assert not await client.text_document_formatting_async(
        types.DocumentFormattingParams(_doc(unreadable), types.FormattingOptions(tab_size=2, insert_spaces=True))
    )


async def test_definition_references_and_rename(client, documents: Documents):
    uri = await documents.open(MUSEUM)
    found = await client.text_document_definition_async(types.DefinitionParams(_doc(uri), _at(5, 15)))
    assert found.range.start == _at(2, 10) and found.range.end == _at(2, 17)
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=_doc(uri), position=_at(2, 12), context=types.ReferenceContext(include_declaration=True)
        )
    )
    assert sorted((r.range.start.line, r.range.start.character) for r in refs) == [(2, 10), (5, 14)]
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(_doc(uri), _at(5, 15)))
    assert prepared.placeholder == "tickets"
    edit = await client.text_document_rename_async(types.RenameParams(_doc(uri), _at(5, 15), "sales"))
    assert sorted((e.range.start.line, e.new_text) for e in edit.changes[uri]) == [(2, "sales"), (5, "sales")]


async def test_rename_of_a_generated_id_writes_it(client, documents: Documents):
    uri = await documents.open(
        "conclusion: Open on Mondays.\n  premise: Tourists come.\n  claim: Sales rise.\n    premise @tourists-come\n"
    )
    edit = await client.text_document_rename_async(types.RenameParams(_doc(uri), _at(3, 15), "tourists"))
    edits = sorted((e.range.start.line, e.range.start.character, e.new_text) for e in edit.changes[uri])
    assert edits == [(1, 9, " tourists"), (3, 13, "tourists")]
    with pytest.raises(Exception, match="already taken"):
        await client.text_document_rename_async(types.RenameParams(_doc(uri), _at(3, 15), "open-on-mondays"))


async def test_completion(client, documents: Documents):
    uri = await documents.open(MUSEUM)
    await documents.insert(uri, 6, 0, "  obj")

    async def labels(line, character):
        result = await client.text_document_completion_async(types.CompletionParams(_doc(uri), _at(line, character)))
        return [item.label for item in result.items]

    assert await labels(6, 5) == ["objection"]
    await documents.insert(uri, 6, 5, "ection: Tourists prefer the weekend. {verdict: rej")
    assert await labels(6, 56) == ["rejected"]
    assert "source" in await labels(6, 43)
    await documents.insert(uri, 7, 0, "  premise @ti")
    assert await labels(7, 13) == ["tickets"]  # ids from the last text that read
    await documents.replace(uri, "conclusion: x {noqa: AM30")
    assert "AM302" in await labels(0, 25)


async def test_hover_shows_kind_verdict_and_note(client, documents: Documents):
    uri = await documents.open(MUSEUM)
    shown = await client.text_document_hover_async(types.HoverParams(_doc(uri), _at(3, 14)))
    text = shown.contents.value
    assert "**objection** `cost`" in text and "verdict (grounded semantics): **out**" in text
    assert "note: is it? check the budget" in text
    await documents.replace(uri, MUSEUM.replace("@tickets", "@tikets"))  # a mistake: the last map that read
    shown = await client.text_document_hover_async(types.HoverParams(_doc(uri), _at(3, 14)))
    assert "verdict (grounded semantics): **out**" in shown.contents.value


async def test_outline_folding_and_semantic_tokens(client, documents: Documents):
    uri = await documents.open(MUSEUM)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(_doc(uri)))
    [root] = symbols
    assert root.name == "conclusion open"
    assert [child.name for child in root.children] == ["premise tickets", "objection cost"]
    assert [c.name for c in root.children[1].children] == ["rebuttal", "rebuttal @tickets"]
    folds = await client.text_document_folding_range_async(types.FoldingRangeParams(_doc(uri)))
    assert sorted((f.start_line, f.end_line) for f in folds) == [(1, 5), (3, 5)]
    tokens = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(_doc(uri)))
    legend = client.initialize_result.capabilities.semantic_tokens_provider.legend.token_types
    data = tokens.data
    first = [(data[i], data[i + 1], data[i + 2], legend[data[i + 3]]) for i in range(0, 15, 5)]
    assert first == [(0, 0, 5, "namespace"), (0, 5, 1, "operator"), (0, 1, 8, "string")]


async def test_live_map_command_draws_svg(client, documents: Documents):
    uri = await documents.open(MUSEUM)
    svg = await client.workspace_execute_command_async(types.ExecuteCommandParams("argmap.renderSvg", [uri]))
    assert svg.lstrip().startswith("<?xml") or "<svg" in svg[:500]
    assert "Volunteers would staff" in svg


async def test_hover_on_scheme_role_and_question_ids(client, documents: Documents):
    """Hovering a scheme id shows its name, roles and questions; a role and a
    question id show what the catalogue says of them."""
    text = (
        "conclusion safe: The vaccine is safe.\n"
        "  reason: {scheme: expert-opinion}\n"
        "    premise: Dr Ode is an expert in vaccines. {role: expert}\n"
        "    premise: Dr Ode says the vaccine is safe. {role: assertion}\n"
        "  undercut: Dr Ode is paid by the maker. {cq: trustworthy}\n"
    )
    uri = await documents.open(text, "schemes.arg")
    scheme = await client.text_document_hover_async(types.HoverParams(_doc(uri), _at(1, 22)))
    assert "**Argument from expert opinion**" in scheme.contents.value and "`expert`" in scheme.contents.value
    start = text.splitlines()[1].index("expert-opinion")
    assert (scheme.range.start.character, scheme.range.end.character) == (start, start + len("expert-opinion"))
    lines = text.splitlines()
    role = await client.text_document_hover_async(types.HoverParams(_doc(uri), _at(2, lines[2].index("expert}"))))
    assert role.contents.value.startswith("premise role `expert`")
    question = await client.text_document_hover_async(
        types.HoverParams(_doc(uri), _at(4, lines[4].index("trustworthy") + 3))
    )
    assert "critical question `trustworthy`" in question.contents.value
