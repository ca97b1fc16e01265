// Họp CLB / Club meeting: the form of templates/meeting.html, sent as one JSON meeting.
//
// Amounts are sent exactly as typed (350.000 or 350000): the server reads them like a
// register's cells. Each row sent is remembered with its element, so that a problem the
// server returns at {section, row, field} is shown at that row and field.

const SECTIONS = ["payments", "loans", "members", "cash"];

function nextNumber(text) {
  // "PT-2026-004" -> "PT-2026-005"
  const match = /^(.*?)(\d+)$/.exec(text || "");
  if (!match) return text;
  const width = match[2].length;
  return match[1] + String(Number(match[2]) + 1).padStart(width, "0");
}

function value(card, field) {
  const input = card.querySelector(`[data-field="${field}"]`);
  return input ? input.value.trim() : "";
}

function clearProblems(form) {
  for (const node of form.querySelectorAll(".le-m-error")) node.textContent = "";
  for (const node of form.querySelectorAll(".le-m-bad")) node.classList.remove("le-m-bad");
  for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  form.querySelector("#le-meeting-errors").textContent = "";
}

function numberVouchers(form) {
  // Suggested numbers follow the book's sequence; a number the treasurer typed stays.
  let receipt = form.dataset.receipt;
  let payment = form.dataset.payment;
  for (const card of form.querySelectorAll(".le-m-card[data-section]")) {
    const input = card.querySelector('[data-field="voucher"]');
    if (!input || input.dataset.typed) continue;
    const paid = value(card, "amount") !== "";
    const section = card.dataset.section;
    let incoming = section === "payments";
    if (section === "cash") {
      const kind = card.querySelector('[data-field="kind"]');
      incoming = kind.selectedOptions[0].dataset.in === "1";
    }
    if (!paid || section === "members") {
      input.value = "";
      continue;
    }
    if (incoming) {
      input.value = receipt;
      receipt = nextNumber(receipt);
    } else {
      input.value = payment;
      payment = nextNumber(payment);
    }
  }
}

function item(card) {
  const section = card.dataset.section;
  const pick = (...fields) =>
    Object.fromEntries(fields.map((f) => [f, value(card, f)]).filter(([, v]) => v !== ""));
  if (section === "payments") return { loan: card.dataset.loan, ...pick("amount", "voucher") };
  if (section === "loans") return pick("member", "amount", "term", "method", "purpose", "voucher");
  if (section === "members") {
    return pick("code", "name", "gender", "born", "ethnicity", "household");
  }
  const kind = card.querySelector('[data-field="kind"]').selectedOptions[0].dataset;
  const amount = value(card, "amount");
  const row = { fund: kind.fund, category: kind.category, content: kind.content };
  Object.assign(row, pick("content", "voucher"));
  row[kind.in === "1" ? "received" : "paid"] = amount;
  return row;
}

function collect(form) {
  const meeting = { date: form.dataset.day, attendance: [] };
  const rows = { attendance: [] };
  for (const box of form.querySelectorAll('#le-attendance input[type="checkbox"]:checked')) {
    meeting.attendance.push(box.value);
    rows.attendance.push(box.closest("label"));
  }
  for (const section of SECTIONS) {
    meeting[section] = [];
    rows[section] = [];
    for (const card of form.querySelectorAll(`.le-m-card[data-section="${section}"]`)) {
      const empty = section === "members" ? value(card, "name") === "" : value(card, "amount") === "";
      if (empty) continue;
      meeting[section].push(item(card));
      rows[section].push(card);
    }
  }
  return { meeting, rows };
}

function showProblems(form, rows, errors) {
  const general = [];
  for (const error of errors) {
    const card = (rows[error.section] || [])[error.row - 1];
    if (!card) {
      general.push(error.field ? `${error.field}: ${error.message}` : error.message);
      continue;
    }
    card.classList.add("le-m-bad");
    const input = card.querySelector(`[data-field="${error.field}"]`);
    if (input) input.setAttribute("aria-invalid", "true");
    const where = error.section === "attendance"
      ? form.querySelector("#le-attendance-error")
      : card.querySelector(".le-m-error");
    const line = document.createElement("div");
    line.dataset.field = error.field;
    line.textContent = error.message;
    where.append(line);
  }
  form.querySelector("#le-meeting-errors").textContent = general.join("\n");
  const first = form.querySelector(".le-m-bad") || form.querySelector("#le-meeting-errors");
  if (first) first.scrollIntoView({ block: "center" });
}

function endpoint(name) {
  // …/<slug>/extension/ClubMeeting/ → …/<slug>/extension/ClubMeeting/<name>
  const base = window.location.pathname.replace(/\/extension\/ClubMeeting\/.*$/, "/extension/ClubMeeting/");
  return base + name;
}

async function save(form) {
  clearProblems(form);
  numberVouchers(form);
  const { meeting, rows } = collect(form);
  const button = form.querySelector("#le-meeting-save");
  button.disabled = true;
  try {
    const answer = await fetch(endpoint("meeting"), {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(meeting),
    });
    if (answer.status === 401) {
      form.querySelector("#le-meeting-errors").textContent =
        "Máy chủ chỉ cho xem, không ghi được / The server is read-only (401)";
      return;
    }
    const body = await answer.json();
    if (body.errors) {
      showProblems(form, rows, body.errors);
      button.disabled = false;
      return;
    }
    const result = form.querySelector("#le-meeting-result");
    result.textContent =
      `Đã ghi sổ ${body.entries.length} bút toán / ${body.entries.length} entries written.`;
    result.dataset.written = String(body.entries.length);
    const pre = document.createElement("pre");
    pre.textContent = body.block;
    result.append(pre);
    for (const input of form.querySelectorAll("input, select, button")) input.disabled = true;
  } catch (error) {
    form.querySelector("#le-meeting-errors").textContent = String(error);
    button.disabled = false;
  }
}

function money(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

async function previewLoan(form, card) {
  clearProblems(form);
  numberVouchers(form);
  const { meeting, rows } = collect(form);
  const area = card.querySelector(".le-m-preview");
  area.textContent = "…";
  const url = endpoint("preview") + "?meeting=" + encodeURIComponent(JSON.stringify(meeting));
  const body = await (await fetch(url)).json();
  area.textContent = "";
  showProblems(form, rows, body.errors || []);
  const index = rows.loans.indexOf(card) + 1;
  const loan = (body.loans || []).find((l) => l.row === index);
  if (!loan) return;
  const verdict = document.createElement("p");
  verdict.className = loan.eligible ? "le-m-ok" : "le-m-error";
  verdict.dataset.eligible = String(loan.eligible);
  verdict.textContent = loan.eligible
    ? `Đủ điều kiện vay / Eligible: ${loan.loan}`
    : "Không đủ điều kiện / Not eligible";
  area.append(verdict);
  if (!loan.schedule.length) return;
  const table = document.createElement("table");
  table.className = "le-table";
  table.innerHTML =
    "<thead><tr><th>Kỳ<small>/ No.</small></th><th>Ngày<small>/ Due</small></th>" +
    '<th class="le-num">Gốc<small>/ Principal</small></th><th class="le-num">Lãi<small>/ Interest</small></th>' +
    '<th class="le-num">Cộng<small>/ Total</small></th></tr></thead>';
  const tbody = document.createElement("tbody");
  for (const i of loan.schedule) {
    const tr = document.createElement("tr");
    const due = i.due.split("-").reverse().join("/");
    for (const [text, cls] of [[i.n, "le-num"], [due, ""], [money(i.principal), "le-num"],
                               [money(i.interest), "le-num"], [money(i.total), "le-num"]]) {
      const td = document.createElement("td");
      td.textContent = text;
      if (cls) td.className = cls;
      tr.append(td);
    }
    tbody.append(tr);
  }
  table.append(tbody);
  const scroll = document.createElement("div");
  scroll.className = "le-scroll";
  scroll.append(table);
  area.append(scroll);
}

function addRow(form, section) {
  const template = form.querySelector(`#le-tpl-${section}`);
  const card = template.content.firstElementChild.cloneNode(true);
  form.querySelector(`[data-rows="${section}"]`).append(card);
  if (section === "members") {
    const taken = form.querySelectorAll('[data-rows="members"] [data-field="code"]').length;
    let code = form.dataset.member;
    for (let k = 1; k < taken; k += 1) code = nextNumber(code);
    card.querySelector('[data-field="code"]').value = code;
  }
  numberVouchers(form);
  return card;
}

async function fillFromSheet(form, file) {
  // The paper sheet comes back: its amounts and vouchers go into the borrowers' cards.
  clearProblems(form);
  const url = endpoint("sheet") + "?name=" + encodeURIComponent(file.name);
  const answer = await fetch(url, { method: "PUT", body: await file.arrayBuffer() });
  const body = await answer.json();
  if (body.errors && body.errors.length) {
    form.querySelector("#le-meeting-errors").textContent = body.errors.join("\n");
    return;
  }
  const byLoan = new Map(body.rows.map((row) => [row.loan, row]));
  const unknown = body.rows.filter((row) =>
    !form.querySelector(`.le-m-card[data-section="payments"][data-loan="${row.loan}"]`));
  for (const card of form.querySelectorAll('.le-m-card[data-section="payments"]')) {
    const row = byLoan.get(card.dataset.loan);
    card.querySelector('[data-field="amount"]').value = row ? row.amount : "";
    const voucher = card.querySelector('[data-field="voucher"]');
    if (row && row.voucher) {
      voucher.value = row.voucher;
      voucher.dataset.typed = "1";
    }
  }
  numberVouchers(form);
  if (unknown.length) {
    form.querySelector("#le-meeting-errors").textContent = unknown
      .map((row) => `${file.name}:${row.row}: ${row.loan}: không có trên bảng thu nợ ngày này / not on this day's sheet`)
      .join("\n");
  }
}

function countAttendance(form) {
  const count = form.querySelectorAll('#le-attendance input[type="checkbox"]:checked').length;
  form.querySelector("#le-attend-count").textContent = String(count);
}

function setUp(form) {
  if (form.dataset.ready) return;
  form.dataset.ready = "1";
  form.addEventListener("click", (event) => {
    const target = event.target.closest("button");
    if (!target) return;
    if (target.dataset.add) addRow(form, target.dataset.add);
    else if (target.hasAttribute("data-remove")) {
      target.closest(".le-m-card").remove();
      numberVouchers(form);
    } else if (target.hasAttribute("data-preview")) previewLoan(form, target.closest(".le-m-card"));
    else if (target.id === "le-meeting-save") save(form);
  });
  form.addEventListener("input", (event) => {
    const field = event.target.dataset.field;
    if (field === "voucher") event.target.dataset.typed = "1";
    if (field === "amount" || field === "kind") numberVouchers(form);
    if (field === "member" && event.target.type === "checkbox") countAttendance(form);
  });
  form.addEventListener("change", (event) => {
    if (event.target.dataset.field === "kind") numberVouchers(form);
    if (event.target.id === "le-sheet-file" && event.target.files.length) {
      fillFromSheet(form, event.target.files[0]);
    }
  });
  numberVouchers(form);
  countAttendance(form);
}

export default {
  onExtensionPageLoad() {
    const form = document.getElementById("le-meeting-form");
    if (form) setUp(form);
  },
};
