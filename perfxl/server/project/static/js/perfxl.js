// perfxl task pane: token, new form (insertWorksheetsFromBase64), documents, batch upload.
(function () {
  const base = () => (globalThis.config && globalThis.config.appPath) || "";
  const $ = (id) => document.getElementById(id);

  function status(text, isError) {
    const el = $("perfxl-status");
    el.textContent = text;
    el.classList.toggle("perfxl-error", Boolean(isError));
  }

  async function authHeaders() {
    const auth = typeof globalThis.getAuth === "function" ? await globalThis.getAuth() : { token: "", provider: "" };
    const headers = {};
    if (auth.token) headers["Authorization"] = auth.token;
    if (auth.provider) headers["Auth-Provider"] = auth.provider;
    return headers;
  }

  async function request(path, options) {
    const headers = await authHeaders();
    if (options.json) headers["Content-Type"] = "application/json";
    const response = await fetch(base() + path, { method: options.method, body: options.body, headers });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const detail = body && body.detail ? body.detail : `服务器返回 ${response.status}`;
      throw new Error(response.status === 401 ? "未授权：请先填写并保存服务器访问令牌" : detail);
    }
    return body;
  }

  function openLink(url) {
    const absolute = new URL(url, window.location.href).href;
    if (globalThis.Office && Office.context && Office.context.ui && Office.context.ui.openBrowserWindow) {
      Office.context.ui.openBrowserWindow(absolute);
    } else {
      window.open(absolute, "_blank");
    }
  }

  function showBatch(result) {
    const box = $("perfxl-batch-result");
    box.replaceChildren();
    const summary = document.createElement("p");
    summary.textContent = `共 ${result.files} 个文件：` +
      result.counts.map((c) => `${c.status} ${c.files}`).join("，") +
      `。` + documentCounts(result.documents) + `链接 ${Math.round(result.expires_in / 60)} 分钟内有效。`;
    box.appendChild(summary);
    box.appendChild(linkList(result.downloads));
  }

  function documentCounts(documents) {
    const written = Object.entries((documents && documents.written) || {});
    return written.length ? "文书：" + written.map(([kind, n]) => `${kind} ${n} 份`).join("，") + "。" : "";
  }

  function linkList(downloads) {
    const list = document.createElement("ul");
    for (const item of downloads) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.name;
      a.className = "perfxl-download";
      a.addEventListener("click", (event) => {
        event.preventDefault();
        openLink(item.url);
      });
      li.appendChild(a);
      list.appendChild(li);
    }
    return list;
  }

  function showLinks(box, downloads) {
    box.replaceChildren(linkList(downloads));
  }

  async function runBatch() {
    const files = $("perfxl-files").files;
    if (!files.length) {
      status("请先选择要校验的工作簿或 .zip 压缩包", true);
      return;
    }
    const form = new FormData();
    for (const file of files) form.append("files", file, file.name);
    if ($("perfxl-batch-notices").checked) form.append("documents", "整改通知");
    const button = $("perfxl-batch");
    button.disabled = true;
    status(`正在上传并校验 ${files.length} 个文件……`);
    try {
      const result = await request("/perfxl/batch", { method: "POST", body: form });
      showBatch(result);
      status("批量校验完成");
    } catch (e) {
      status(e.message, true);
    } finally {
      button.disabled = false;
    }
  }

  async function loadKinds() {
    try {
      const kinds = await request("/perfxl/templates", { method: "GET" });
      const select = $("perfxl-kind");
      select.replaceChildren();
      for (const [kind, title] of Object.entries(kinds)) {
        const option = document.createElement("option");
        option.value = kind;
        option.textContent = title;
        select.appendChild(option);
      }
    } catch (e) {
      status(e.message, true);
    }
  }

  async function newForm() {
    const kind = $("perfxl-kind").value;
    if (!kind) {
      status("请先保存访问令牌，再选择表单种类", true);
      return;
    }
    try {
      const template = await request(`/perfxl/template/${encodeURIComponent(kind)}`, { method: "GET" });
      await Excel.run(async (context) => {
        context.workbook.insertWorksheetsFromBase64(template.base64, {
          positionType: Excel.WorksheetPositionType.end,
        });
        await context.sync();
      });
      status(`已插入“${template.title}”`);
    } catch (e) {
      status(`插入表单失败：${e.message}`, true);
    }
  }

  async function makeDocument(kind) {
    const label = kind === "report" ? "评价报告" : "整改通知";
    try {
      const info = await request("/perfxl/documents", { method: "GET" });
      if (!info.available) {
        status("未安装文档模块：服务器需安装 perfxl[docs] 才能生成评价报告和整改通知", true);
        return;
      }
      status(`正在根据当前工作簿生成${label}……`);
      const book = await xlwings.getBookData({});
      const result = await request(`/perfxl/document/${kind}`, {
        method: "POST",
        body: JSON.stringify(book),
        json: true,
      });
      showLinks($("perfxl-document-result"), result.downloads);
      status(`${label}已生成，请点击链接下载`);
    } catch (e) {
      status(`生成${label}失败：${e.message}`, true);
    }
  }

  function focusSection() {
    const id = window.location.hash.replace("#", "");
    const section = id && $(id) ? $(id).closest("section") : null;
    document.querySelectorAll("section.perfxl-focus").forEach((s) => s.classList.remove("perfxl-focus"));
    if (section) {
      section.classList.add("perfxl-focus");
      section.scrollIntoView();
    }
    if ((id === "report" || id === "notice") && localStorage.getItem("perfxl-token")) {
      makeDocument(id); // the ribbon's 评价报告 / 整改通知 opened the pane here
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const tokenInput = $("perfxl-token");
    tokenInput.value = localStorage.getItem("perfxl-token") || "";
    $("perfxl-token-save").addEventListener("click", () => {
      localStorage.setItem("perfxl-token", tokenInput.value.trim());
      status("访问令牌已保存");
      loadKinds();
    });
    $("perfxl-batch").addEventListener("click", runBatch);
    $("perfxl-new-form").addEventListener("click", newForm);
    document.querySelectorAll("[data-document]").forEach((button) =>
      button.addEventListener("click", () => makeDocument(button.dataset.document)),
    );
    window.addEventListener("hashchange", focusSection);
    focusSection();
    if (tokenInput.value) loadKinds();
  });
})();
