// 红头工作台: drop files on a form, follow a build, draw its previews. No framework, no build step.
"use strict";
const TOKEN = document.querySelector('meta[name="token"]').content;

function post(url, body) {
  return fetch(url, {method: "POST", body: body || new FormData(),
                     headers: {"X-Hongtou-Token": TOKEN, "Accept": "application/json"}});
}

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// -- drop zones: files dropped on a form go into its file fields, then the form is sent --------
function dropInto(form, files) {
  const inputs = [...form.querySelectorAll('input[type="file"]')];
  const fits = (input, f) => (input.accept || "").split(",").some(s => f.name.toLowerCase().endsWith(s.trim()));
  for (const input of inputs) {
    const dt = new DataTransfer();
    for (const f of files) if (fits(input, f) && (input.multiple || dt.files.length === 0)) dt.items.add(f);
    if (dt.files.length) input.files = dt.files;
  }
  if (inputs.some(i => i.required && !i.files.length)) return;
  form.requestSubmit();
}
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form.drop")) {
    form.addEventListener("dragover", e => { e.preventDefault(); form.classList.add("over"); });
    form.addEventListener("dragleave", () => form.classList.remove("over"));
    form.addEventListener("drop", e => {
      e.preventDefault(); form.classList.remove("over");
      dropInto(form, [...e.dataTransfer.files]);
    });
  }
  // 检查: a click on a problem shows its cell
  for (const row of document.querySelectorAll("#problems tr[data-target]")) {
    row.addEventListener("click", () => {
      const cell = document.getElementById(row.dataset.target);
      if (!cell) return;
      cell.scrollIntoView({block: "center", inline: "center"});
      cell.classList.add("flash");
      setTimeout(() => cell.classList.remove("flash"), 1500);
    });
  }
  const job = document.getElementById("job");
  if (job) followBuild(job);
});

// -- 生成 -----------------------------------------------------------------------------------------
function followBuild(section) {
  const api = section.dataset.api;
  const form = document.getElementById("build-form");
  let timer = null;
  const poll = () => fetch(api, {headers: {"Accept": "application/json"}})
      .then(r => r.json()).then(show);
  form.addEventListener("submit", e => {
    e.preventDefault();
    document.getElementById("files").replaceChildren();
    post(form.action, new FormData(form)).then(r => r.json()).then(show);
  });
  document.getElementById("open-output").addEventListener("click", e =>
      post(e.target.dataset.url).then(r => r.json()).then(d => {
        if (d.note) document.getElementById("note").textContent = d.note; }));

  function show(job) {
    clearTimeout(timer);
    const state = document.getElementById("state");
    if (!job.state) return;
    state.textContent = {"生成中": "正在生成……", "预览中": "已生成，正在生成页面预览……",
                         "完成": "已完成", "失败": "生成失败"}[job.state] || job.state;
    state.className = job.state === "失败" ? "error" : (job.state === "完成" ? "ok" : "");
    document.getElementById("steps").replaceChildren(...job.steps.map(s => el("li", {}, s)));
    document.getElementById("problems").replaceChildren(...job.problems.map(p => el("li", {}, p)));
    document.getElementById("summary").textContent = job.summary.join("\n");
    document.getElementById("note").textContent = job.note || "";
    document.getElementById("actions").hidden = !job.files.length;
    drawFiles(job);
    if (job.state === "生成中" || job.state === "预览中") timer = setTimeout(poll, 400);
  }

  function drawFiles(job) {
    const box = document.getElementById("files");
    for (const f of job.files) {
      const id = `file-${job.id}-${f.index}`;
      let card = document.getElementById(id);
      if (!card) {
        card = el("div", {id, class: "file"});
        const head = el("h3");
        head.append(el("a", {href: f.download}, f.name));
        card.append(head, el("div", {class: "pages"}));
        box.append(card);
      }
      const pages = card.querySelector(".pages");
      if (pages.children.length < f.preview.length) {
        pages.replaceChildren(...f.preview.map((src, i) =>
            el("img", {src, class: "page", alt: `${f.name} 第${i + 1}页`, loading: "lazy"})));
      }
    }
  }
  poll();
}
