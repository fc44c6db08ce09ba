// The argmap extension: starts `argmap lsp` with the configured Python and opens
// the live map beside the editor. Everything else (diagnostics, fixes, completion,
// rename, outline, highlighting beyond the grammar) comes from the language server.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

const RENDER_COMMAND = "argmap.renderSvg";
let client;

function serverOptions() {
  const python = vscode.workspace.getConfiguration("argmap").get("python") || "python3";
  return { command: python, args: ["-m", "argmap", "lsp"] };
}

async function startClient(context) {
  client = new LanguageClient("argmap", "argmap language server", serverOptions(), {
    documentSelector: [{ language: "arg" }],
    outputChannelName: "argmap",
  });
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `argmap: could not start the language server (${error.message || error}). ` +
        'Install it with `pip install "argmap[lsp]"` and set "argmap.python" to that Python.'
    );
  }
  return client;
}

// The SVG of the map as an <img>: the webview runs no script, and the picture
// (made by argmap's renderer, which escapes the map's text) cannot run any either.
function mapPage(svg, message) {
  const policy = "default-src 'none'; img-src data:; style-src 'unsafe-inline';";
  const body = svg
    ? `<img alt="the argument map" src="data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}">`
    : `<p>${message}</p>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<style>body{background:#fff;margin:0;padding:8px}img{max-width:100%;height:auto}p{color:#333;font-family:sans-serif}</style>
</head><body>${body}</body></html>`;
}

function showMap(context) {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "arg") {
    vscode.window.showInformationMessage("argmap: open an .arg file first.");
    return;
  }
  const document = editor.document;
  const panel = vscode.window.createWebviewPanel(
    "argmap.map",
    `Map: ${document.fileName.split(/[\\/]/).pop()}`,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    { enableScripts: false }
  );
  let timer;
  const draw = async () => {
    try {
      const svg = await client.sendRequest("workspace/executeCommand", {
        command: RENDER_COMMAND,
        arguments: [document.uri.toString()],
      });
      panel.webview.html = mapPage(svg, "The map has a mistake; see the problems list.");
    } catch (error) {
      panel.webview.html = mapPage(null, "The map could not be drawn: " + String(error.message || error).replace(/[<>&]/g, ""));
    }
  };
  const changed = vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.document.uri.toString() !== document.uri.toString()) return;
    clearTimeout(timer);
    timer = setTimeout(draw, vscode.workspace.getConfiguration("argmap").get("liveMap.delay", 400));
  });
  panel.onDidDispose(() => {
    clearTimeout(timer);
    changed.dispose();
  });
  context.subscriptions.push(changed);
  draw();
}

async function activate(context) {
  await startClient(context);
  context.subscriptions.push(
    vscode.commands.registerCommand("argmap.showMap", () => showMap(context)),
    vscode.commands.registerCommand("argmap.restartServer", async () => {
      if (client) await client.stop();
      await startClient(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("argmap.python") && client) {
        await client.stop();
        await startClient(context);
      }
    })
  );
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
