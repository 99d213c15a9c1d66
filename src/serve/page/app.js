// guifan serve: the proofreading page. Plain JavaScript, no build step, no
// external resources. The editor is a <textarea> with a highlight layer
// (#backdrop) behind it that lays the same text out identically: the
// textarea keeps the caret, selection, undo and scroll position; the layer
// only paints marks. Offsets come from the API in UTF-16 code units
// (start_utf16/end_utf16), which is what JavaScript strings count.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const text = $("text");
  const backdrop = $("backdrop");
  const formatSel = $("format");
  const dateInput = $("date");
  const notice = $("notice");
  const statusEl = $("status");
  const summaryEl = $("summary");
  const findingsEl = $("findings");
  const detail = $("detail");
  const tokenForm = $("token-form");

  const FAMILY_NAMES = {
    punctuation: "标点",
    terminology: "规范表述",
    dates: "日期数字",
    names: "人名职务",
    boilerplate: "网页残留",
  };
  const FAMILY_ORDER = ["punctuation", "terminology", "dates", "names", "boilerplate"];
  const SEV_NAMES = { error: "错误", warning: "警告", info: "提示" };
  const SEV_RANK = { error: 3, warning: 2, info: 1 };
  const SOURCE_NAMES = {
    metadata: "取自文中的发布时间",
    properties: "文中没有发布时间，取自文档属性中的创建日期",
    "as-of": "按设定的日期",
    today: "文中没有发布时间，按今天",
  };

  const state = {
    diagnostics: [], // as returned, for the text in `checkedText`
    checkedText: null,
    visible: [], // not dismissed, in document order
    current: -1, // index into visible
    dismissed: new Set(),
    seq: 0,
    controller: null,
    timer: 0,
    fileName: null,
    crlf: false,
    token: sessionStorage.getItem("guifan-token") || "",
    explain: new Map(),
    docx: null, // an open Word document: { name, bytes }
  };

  const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  // ---------- API ----------

  function options() {
    const ignore = [];
    document.querySelectorAll("input[name=family]").forEach((box) => {
      if (!box.checked) ignore.push(box.value);
    });
    const body = { text: text.value, format: formatSel.value };
    if (ignore.length) body.ignore = ignore;
    if (dateInput.value) body.date = dateInput.value;
    if (state.fileName) body.path = state.fileName;
    return body;
  }

  class Refused extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  async function api(path, body, signal) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (state.token) headers.Authorization = "Bearer " + state.token;
    let response;
    try {
      response = await fetch(path, {
        method: body === undefined ? "GET" : "POST",
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (e) {
      if (e.name === "AbortError") throw e;
      throw new Refused(0, "network", "无法连接服务器（guifan serve 是否仍在运行？）");
    }
    let data = null;
    try {
      data = await response.json();
    } catch (_) {
      data = null;
    }
    if (!response.ok) {
      const err = data && data.error;
      throw new Refused(
        response.status,
        err ? err.code : "error",
        refusalText(response.status, err ? err.message : response.statusText),
      );
    }
    return data;
  }

  // A Word document to the docx API: the JSON answer, or the document
  // answered (blob, file name, headers).
  async function apiDocx(action, signal) {
    const params = new URLSearchParams();
    params.set("path", state.docx.name);
    const ignore = [];
    document.querySelectorAll("input[name=family]").forEach((box) => {
      if (!box.checked) ignore.push(box.value);
    });
    if (ignore.length) params.set("ignore", ignore.join(","));
    if (dateInput.value) params.set("date", dateInput.value);
    if (action === "track") params.set("track_changes", "true");
    if (action === "annotate" && $("docx-annotate-all").checked) params.set("all", "true");
    const path = "api/v1/docx/" + (action === "track" ? "fix" : action) + "?" + params;
    const headers = { "Content-Type": DOCX_TYPE };
    if (state.token) headers.Authorization = "Bearer " + state.token;
    let response;
    try {
      response = await fetch(path, { method: "POST", headers, body: state.docx.bytes, signal });
    } catch (e) {
      if (e.name === "AbortError") throw e;
      throw new Refused(0, "network", "无法连接服务器（guifan serve 是否仍在运行？）");
    }
    if (!response.ok) {
      let data = null;
      try {
        data = await response.json();
      } catch (_) {
        data = null;
      }
      const err = data && data.error;
      throw new Refused(
        response.status,
        err ? err.code : "error",
        refusalText(response.status, err ? err.message : response.statusText),
      );
    }
    if (action === "check") return response.json();
    const disposition = response.headers.get("content-disposition") || "";
    const m = /filename\*=UTF-8''([^;]+)/.exec(disposition);
    return {
      blob: await response.blob(),
      name: m ? decodeURIComponent(m[1]) : state.docx.name,
      headers: response.headers,
    };
  }

  function refusalText(status, message) {
    switch (status) {
      case 413:
        return "文稿太大，服务器拒绝检查：" + message;
      case 504:
        return "检查超时，服务器未完成：" + message;
      case 503:
        return "服务器正忙：" + message;
      case 401:
        return "此服务需要访问令牌：请在下面输入管理员给的令牌（只保存在本标签页中）。";
      default:
        return "服务器拒绝了请求（" + status + "）：" + message;
    }
  }

  function showNotice(message, ok) {
    if (!message) {
      notice.hidden = true;
      notice.textContent = "";
      return;
    }
    notice.hidden = false;
    notice.classList.toggle("ok", !!ok);
    notice.textContent = message;
  }

  function handleError(e) {
    if (e.name === "AbortError") return;
    statusEl.textContent = "未完成";
    // What was shown belongs to an older text: do not leave it standing.
    state.diagnostics = [];
    state.visible = [];
    state.current = -1;
    state.checkedText = null;
    render();
    summaryEl.textContent = "未检查：服务器拒绝了这次请求（见上方说明）";
    showNotice(e.message || String(e));
    if (e.status === 401) {
      tokenForm.hidden = false;
      $("token").focus();
    }
  }

  // ---------- checking ----------

  function scheduleCheck(delay) {
    clearTimeout(state.timer);
    backdrop.classList.add("stale");
    statusEl.textContent = "输入中…";
    state.timer = setTimeout(check, delay === undefined ? 450 : delay);
  }

  async function check() {
    clearTimeout(state.timer);
    if (state.controller) state.controller.abort();
    const controller = new AbortController();
    state.controller = controller;
    const seq = ++state.seq;
    if (state.docx) {
      statusEl.textContent = "检查中…";
      const started = performance.now();
      try {
        const result = await apiDocx("check", controller.signal);
        if (seq !== state.seq) return;
        showNotice("");
        text.value = result.text;
        setResult(result, result.text);
        statusEl.textContent = "已检查（" + Math.round(performance.now() - started) + " 毫秒）";
      } catch (e) {
        if (seq === state.seq) handleError(e);
      }
      return;
    }
    const body = options();
    if (!body.text) {
      setResult({ diagnostics: [], date: null, date_source: null }, "");
      statusEl.textContent = "粘贴或输入文稿，停止输入后自动检查";
      return;
    }
    statusEl.textContent = "检查中…";
    const started = performance.now();
    try {
      const result = await api("api/v1/check", body, controller.signal);
      if (seq !== state.seq) return;
      showNotice("");
      setResult(result, body.text);
      statusEl.textContent = "已检查（" + Math.round(performance.now() - started) + " 毫秒）";
    } catch (e) {
      if (seq === state.seq) handleError(e);
    }
  }

  function keyOf(d, source) {
    return d.rule + "\u0000" + source.slice(d.start_utf16, d.end_utf16) + "\u0000" + d.message;
  }

  function setResult(result, checkedText) {
    state.diagnostics = result.diagnostics || [];
    state.checkedText = checkedText;
    showDate(result.date, result.date_source);
    const previous = state.visible[state.current];
    state.visible = state.diagnostics.filter((d) => !state.dismissed.has(keyOf(d, checkedText)));
    state.current = -1;
    if (previous) {
      const i = state.visible.findIndex(
        (d) => d.rule === previous.rule && d.start_utf16 === previous.start_utf16,
      );
      if (i >= 0) state.current = i;
    }
    render();
  }

  function showDate(date, source) {
    const el = $("doc-date");
    el.textContent = "";
    if (!date) {
      el.textContent = "文档日期：—";
      return;
    }
    el.append("文档日期：");
    const b = document.createElement("b");
    b.id = "doc-date-value";
    b.textContent = date;
    el.append(b, "（" + (SOURCE_NAMES[source] || source) + "）");
    el.dataset.source = source;
  }

  // ---------- rendering ----------

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  }

  function render() {
    renderMarks();
    renderList();
    renderDetail();
  }

  // The highlight layer: the text cut at every diagnostic boundary; each
  // piece is marked with the highest severity covering it.
  function renderMarks() {
    const source = state.checkedText || "";
    if (state.checkedText === null) {
      backdrop.textContent = "";
      return;
    }
    if (source !== text.value) {
      backdrop.classList.add("stale");
      return;
    }
    backdrop.classList.remove("stale");
    const bounds = new Set([0, source.length]);
    const points = new Map();
    state.visible.forEach((d, i) => {
      if (d.end_utf16 > d.start_utf16) {
        bounds.add(d.start_utf16);
        bounds.add(d.end_utf16);
      } else {
        bounds.add(d.start_utf16);
        if (!points.has(d.start_utf16)) points.set(d.start_utf16, []);
        points.get(d.start_utf16).push(i);
      }
    });
    const cuts = [...bounds].filter((b) => b >= 0 && b <= source.length).sort((a, b) => a - b);
    // Active spans per piece: sweep (few diagnostics overlap, so a scan is fine).
    const ranged = state.visible
      .map((d, i) => [d, i])
      .filter(([d]) => d.end_utf16 > d.start_utf16)
      .sort((a, b) => a[0].start_utf16 - b[0].start_utf16);
    let html = "";
    let next = 0;
    let active = [];
    for (let c = 0; c < cuts.length; c++) {
      const at = cuts[c];
      const pts = points.get(at);
      if (pts) {
        for (const i of pts) {
          const d = state.visible[i];
          html += '<mark class="point ' + d.severity + (i === state.current ? " current" : "") + '" data-i="' + i + '"></mark>';
        }
      }
      if (c === cuts.length - 1) break;
      const end = cuts[c + 1];
      while (next < ranged.length && ranged[next][0].start_utf16 <= at) active.push(ranged[next++]);
      active = active.filter(([d]) => d.end_utf16 > at);
      const piece = escapeHtml(source.slice(at, end));
      const covering = active.filter(([d]) => d.start_utf16 <= at && d.end_utf16 >= end);
      if (covering.length === 0) {
        html += piece;
        continue;
      }
      let top = covering[0];
      for (const cand of covering) if (SEV_RANK[cand[0].severity] > SEV_RANK[top[0].severity]) top = cand;
      const isCurrent = covering.some(([, i]) => i === state.current);
      html += '<mark class="' + top[0].severity + (isCurrent ? " current" : "") + '" data-i="' + top[1] + '">' + piece + "</mark>";
    }
    // A trailing newline needs something after it to take up its line.
    backdrop.innerHTML = html + " ";
    syncScroll();
  }

  function renderList() {
    const source = state.checkedText || "";
    const counts = { error: 0, warning: 0, info: 0 };
    let fixable = 0;
    for (const d of state.visible) {
      counts[d.severity]++;
      if (d.fix && d.fix.applicability === "safe") fixable++;
    }
    summaryEl.innerHTML = "";
    if (state.checkedText === null || source === "") {
      summaryEl.textContent = "尚未检查";
    } else if (state.visible.length === 0) {
      summaryEl.textContent = "没有发现问题";
    } else {
      summaryEl.innerHTML =
        '共 <span class="n" id="count-total">' + state.visible.length + "</span> 个问题：" +
        ["error", "warning", "info"]
          .map((s) => '<span class="' + s + '">' + SEV_NAMES[s] + ' <span class="n">' + counts[s] + "</span></span>")
          .join("，") +
        "；其中 " + fixable + " 个可安全修复";
    }
    findingsEl.innerHTML = "";
    if (state.visible.length === 0) {
      const p = document.createElement("p");
      p.className = "empty";
      p.textContent = source ? "没有发现问题。" : "检查结果会列在这里。";
      findingsEl.append(p);
      return;
    }
    const groups = new Map();
    state.visible.forEach((d, i) => {
      const family = d.rule.split("/")[0];
      if (!groups.has(family)) groups.set(family, []);
      groups.get(family).push(i);
    });
    const families = [...groups.keys()].sort(
      (a, b) => (FAMILY_ORDER.indexOf(a) + 99) % 99 - (FAMILY_ORDER.indexOf(b) + 99) % 99,
    );
    const lines = lineIndex(source);
    for (const family of families) {
      const items = groups.get(family);
      const h = document.createElement("h2");
      h.dataset.family = family;
      const name = document.createElement("span");
      name.textContent = FAMILY_NAMES[family] || family;
      const count = document.createElement("span");
      count.className = "count";
      count.textContent = items.length;
      h.append(name, count);
      const ol = document.createElement("ol");
      for (const i of items) {
        const d = state.visible[i];
        const li = document.createElement("li");
        li.className = "finding" + (i === state.current ? " current" : "");
        li.dataset.i = i;
        li.dataset.rule = d.rule;
        li.dataset.start = d.start_utf16;
        li.dataset.end = d.end_utf16;
        const sev = document.createElement("span");
        sev.className = "sev " + d.severity;
        sev.textContent = SEV_NAMES[d.severity];
        const where = document.createElement("span");
        where.className = "where";
        where.textContent = lines(d.start_utf16);
        const msg = document.createElement("span");
        msg.className = "msg";
        msg.textContent = d.message;
        li.append(sev, where, msg);
        if (d.fix) {
          const f = document.createElement("span");
          f.className = "fixable";
          f.textContent = d.fix.applicability === "safe" ? "可修复" : "可修复（需确认）";
          li.append(f);
        }
        ol.append(li);
      }
      findingsEl.append(h, ol);
    }
  }

  // Line:column of a UTF-16 offset, with line starts computed once.
  function lineIndex(source) {
    const starts = [0];
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) starts.push(i + 1);
    return (offset) => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      // Columns count characters: the second half of a surrogate pair is not one.
      let col = 1;
      for (let i = starts[lo]; i < offset && i < source.length; i++) {
        const code = source.charCodeAt(i);
        if (code < 0xdc00 || code > 0xdfff) col++;
      }
      return lo + 1 + ":" + col;
    };
  }

  function changeText(d, source) {
    if (!d.fix) return d.help || "";
    const parts = d.fix.edits.map((e) => {
      const old = source.slice(e.start_utf16, e.end_utf16);
      if (!e.replacement) return "删除“" + old + "”";
      if (!old) return "插入“" + e.replacement + "”";
      return "“" + old + "”改为“" + e.replacement + "”";
    });
    const how = d.fix.applicability === "safe" ? "（安全修复）" : "（需人工确认）";
    return "建议：" + parts.join("；") + how;
  }

  function renderDetail() {
    const d = state.visible[state.current];
    if (!d) {
      detail.hidden = true;
      return;
    }
    detail.hidden = false;
    const source = state.checkedText || "";
    const sev = $("detail-sev");
    sev.className = "sev " + d.severity;
    sev.textContent = SEV_NAMES[d.severity];
    $("detail-rule").textContent = d.rule;
    $("detail-message").textContent = d.message;
    const change = changeText(d, source);
    $("detail-change").textContent = change || (d.help ? d.help : "没有自动修改，请人工处理。");
    $("accept").disabled = !d.fix;
    $("detail-norm").textContent = "";
    $("detail-explain").textContent = "载入中…";
    loadExplain(d.rule).then((rule) => {
      if (state.visible[state.current] !== d) return;
      $("detail-norm").textContent = rule.source ? "依据：" + rule.source : rule.summary || "";
      $("detail-explain").textContent = rule.explain || "";
    }, (e) => {
      $("detail-explain").textContent = e.message;
    });
  }

  function loadExplain(id) {
    if (!state.explain.has(id)) {
      const p = api("api/v1/rules/" + id);
      p.catch(() => state.explain.delete(id));
      state.explain.set(id, p);
    }
    return state.explain.get(id);
  }

  function syncScroll() {
    backdrop.scrollTop = text.scrollTop;
    backdrop.scrollLeft = text.scrollLeft;
  }

  // ---------- navigation and actions ----------

  function select(i, reveal) {
    if (state.visible.length === 0) return;
    state.current = ((i % state.visible.length) + state.visible.length) % state.visible.length;
    render();
    const li = findingsEl.querySelector('li[data-i="' + state.current + '"]');
    if (li) li.scrollIntoView({ block: "nearest" });
    if (reveal) revealInText(state.visible[state.current]);
  }

  function revealInText(d) {
    const mark = backdrop.querySelector('mark[data-i="' + state.visible.indexOf(d) + '"]') ||
      backdrop.querySelector("mark.current");
    if (mark) {
      const top = mark.offsetTop - text.clientHeight / 3;
      text.scrollTop = Math.max(0, top);
      syncScroll();
    }
  }

  function applyEdits(edits) {
    const scroll = text.scrollTop;
    let value = text.value;
    let caret = text.selectionStart;
    const sorted = [...edits].sort((a, b) => b.start_utf16 - a.start_utf16);
    for (const e of sorted) {
      value = value.slice(0, e.start_utf16) + e.replacement + value.slice(e.end_utf16);
      if (caret >= e.end_utf16) caret += e.replacement.length - (e.end_utf16 - e.start_utf16);
      else if (caret > e.start_utf16) caret = e.start_utf16 + e.replacement.length;
    }
    text.value = value;
    text.setSelectionRange(caret, caret);
    text.scrollTop = scroll;
    syncScroll();
  }

  function accept() {
    const d = state.visible[state.current];
    if (state.docx || !d || !d.fix || state.checkedText !== text.value) return;
    applyEdits(d.fix.edits);
    const nextIndex = state.current;
    state.visible.splice(state.current, 1);
    state.current = state.visible.length ? Math.min(nextIndex, state.visible.length - 1) : -1;
    check();
  }

  function dismiss() {
    const d = state.visible[state.current];
    if (!d) return;
    state.dismissed.add(keyOf(d, state.checkedText || ""));
    const nextIndex = state.current;
    state.visible.splice(state.current, 1);
    state.current = state.visible.length ? Math.min(nextIndex, state.visible.length - 1) : -1;
    render();
  }

  async function fixAll() {
    const body = options();
    if (!body.text) return;
    const button = $("fix-all");
    button.disabled = true;
    statusEl.textContent = "修复中…";
    clearTimeout(state.timer);
    if (state.controller) state.controller.abort();
    const seq = ++state.seq;
    try {
      const result = await api("api/v1/fix", body);
      if (seq !== state.seq || text.value !== body.text) {
        statusEl.textContent = "文稿已改动，未应用修复";
        return;
      }
      const scroll = text.scrollTop;
      text.value = result.text;
      text.scrollTop = scroll;
      setResult({ diagnostics: result.remaining, date: result.date, date_source: result.date_source }, result.text);
      showNotice("已应用 " + result.applied + " 处安全修复（与 guifan fix 的结果相同）。", true);
      statusEl.textContent = "已修复";
    } catch (e) {
      handleError(e);
    } finally {
      button.disabled = false;
    }
  }

  function withLineEndings(value) {
    return state.crlf ? value.replace(/\r?\n/g, "\r\n") : value;
  }

  async function copy() {
    const value = withLineEndings(text.value);
    try {
      await navigator.clipboard.writeText(value);
      showNotice("已复制全文。", true);
    } catch (_) {
      text.select();
      const ok = document.execCommand && document.execCommand("copy");
      showNotice(ok ? "已复制全文。" : "无法访问剪贴板，请按 Ctrl+C 复制。", ok);
    }
  }

  function download() {
    const blob = new Blob([withLineEndings(text.value)], { type: "text/plain;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = state.fileName || "文稿.txt";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  // ---------- Word documents ----------

  function setWordMode(on) {
    $("word").hidden = !on;
    text.readOnly = on;
    formatSel.disabled = on;
    for (const id of ["fix-all", "download", "accept"]) $(id).disabled = on;
    $("word-links").textContent = "";
  }

  async function openDocx(file) {
    state.docx = { name: file.name, bytes: await file.arrayBuffer() };
    state.fileName = file.name;
    state.dismissed.clear();
    $("word-name").textContent = file.name;
    formatSel.value = "plain";
    setWordMode(true);
    text.value = "";
    text.scrollTop = 0;
    showNotice("");
    check();
  }

  function closeDocx() {
    state.docx = null;
    state.fileName = null;
    setWordMode(false);
    text.value = "";
    showNotice("");
    check();
  }

  const DOCX_DONE = {
    fix: (h) => "已生成修复后的文档：应用 " + h.get("x-guifan-applied") + " 处修复，剩余 " + h.get("x-guifan-remaining") + " 个问题。",
    track: (h) => "已生成修订版：" + h.get("x-guifan-applied") + " 处修复写成修订，可在 Word 中逐条接受或拒绝。",
    annotate: (h) => "已生成批注版：" + h.get("x-guifan-comments") + " 条批注。",
  };

  async function docxDownload(action) {
    if (!state.docx) return;
    const button = $("docx-" + action);
    button.disabled = true;
    try {
      const result = await apiDocx(action);
      const a = document.createElement("a");
      a.href = URL.createObjectURL(result.blob);
      a.download = result.name;
      a.textContent = "下载 " + result.name;
      a.dataset.action = action;
      const links = $("word-links");
      const old = links.querySelector("a[data-action=" + action + "]");
      if (old) {
        URL.revokeObjectURL(old.href);
        old.remove();
      }
      links.append(a);
      showNotice(DOCX_DONE[action](result.headers), true);
    } catch (e) {
      showNotice(e.message || String(e));
    } finally {
      button.disabled = false;
    }
  }

  function openFile(file) {
    if (/\.docx$/i.test(file.name)) {
      openDocx(file).catch((e) => showNotice("无法读取文件 " + file.name + "：" + e));
      return;
    }
    if (state.docx) {
      state.docx = null;
      setWordMode(false);
    }
    const reader = new FileReader();
    reader.onload = () => {
      let value = String(reader.result);
      state.crlf = value.includes("\r\n");
      state.fileName = file.name;
      const lower = file.name.toLowerCase();
      if (/\.(md|markdown)$/.test(lower)) formatSel.value = "markdown";
      else if (/\.html?$/.test(lower)) formatSel.value = "html";
      else formatSel.value = "plain";
      text.value = value.replace(/\r\n/g, "\n");
      text.scrollTop = 0;
      state.dismissed.clear();
      showNotice("");
      check();
    };
    reader.onerror = () => showNotice("无法读取文件 " + file.name);
    reader.readAsText(file, "utf-8");
  }

  // ---------- wiring ----------

  text.addEventListener("input", () => scheduleCheck());
  text.addEventListener("scroll", syncScroll);
  new ResizeObserver(syncScroll).observe(text);
  formatSel.addEventListener("change", () => check());
  dateInput.addEventListener("change", () => check());
  document.querySelectorAll("input[name=family]").forEach((b) => b.addEventListener("change", () => check()));
  $("file").addEventListener("change", (e) => {
    if (e.target.files[0]) openFile(e.target.files[0]);
    e.target.value = "";
  });
  $("fix-all").addEventListener("click", fixAll);
  $("docx-fix").addEventListener("click", () => docxDownload("fix"));
  $("docx-track").addEventListener("click", () => docxDownload("track"));
  $("docx-annotate").addEventListener("click", () => docxDownload("annotate"));
  $("docx-close").addEventListener("click", closeDocx);
  $("copy").addEventListener("click", copy);
  $("download").addEventListener("click", download);
  $("accept").addEventListener("click", accept);
  $("dismiss").addEventListener("click", dismiss);
  $("prev").addEventListener("click", () => select(state.current - 1, true));
  $("next").addEventListener("click", () => select(state.current + 1, true));
  findingsEl.addEventListener("click", (e) => {
    const li = e.target.closest("li[data-i]");
    if (li) select(Number(li.dataset.i), true);
  });
  // A click in the text on a highlighted span selects its finding (the
  // layer itself takes no clicks: find the mark under the caret).
  text.addEventListener("click", () => {
    if (state.checkedText !== text.value) return;
    const at = text.selectionStart;
    if (text.selectionEnd !== at) return;
    const i = state.visible.findIndex((d) => d.start_utf16 <= at && at <= d.end_utf16);
    if (i >= 0 && i !== state.current) select(i, false);
  });
  tokenForm.addEventListener("submit", (e) => {
    e.preventDefault();
    state.token = $("token").value.trim();
    sessionStorage.setItem("guifan-token", state.token);
    tokenForm.hidden = true;
    showNotice("");
    state.explain.clear();
    check();
  });
  document.addEventListener("keydown", (e) => {
    const inEditor = e.target === text || e.target.tagName === "INPUT" || e.target.tagName === "SELECT";
    if (e.altKey && e.key === "ArrowDown") {
      e.preventDefault();
      select(state.current + 1, true);
    } else if (e.altKey && e.key === "ArrowUp") {
      e.preventDefault();
      select(state.current - 1, true);
    } else if (e.altKey && e.key === "Enter") {
      e.preventDefault();
      accept();
    } else if (e.altKey && (e.key === "x" || e.key === "X" || e.code === "KeyX")) {
      e.preventDefault();
      dismiss();
    } else if (!inEditor && !e.ctrlKey && !e.metaKey && !e.altKey) {
      if (e.key === "j") select(state.current + 1, true);
      else if (e.key === "k") select(state.current - 1, true);
      else if (e.key === "Enter" && state.current >= 0 && e.target.tagName !== "BUTTON") accept();
    }
  });

  // For the end-to-end tests and for scripts: the findings as shown.
  window.guifan = {
    shown: () => state.visible.map((d) => ({ rule: d.rule, start_utf16: d.start_utf16, end_utf16: d.end_utf16 })),
    checked: () => state.checkedText,
    check,
  };
  if (text.value) check();
})();
