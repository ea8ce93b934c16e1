/// The web UI's stylesheet, served by the binary under a content-hashed name (see `Assets`).
enum Stylesheet {
    static let css = #"""
    :root {
      --bg: #f6f7fb; --card: #ffffff; --ink: #1d2230; --muted: #5d6678; --line: #e3e6ef;
      --accent: #3a5bd9; --accent-ink: #ffffff; --accent-soft: #eaf0ff; --danger: #b42318; --ok: #067647;
      --radius: 14px; --shadow: 0 1px 2px rgba(16,24,40,.06), 0 1px 3px rgba(16,24,40,.08);
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink);
      background: var(--bg); line-height: 1.5;
    }
    * { box-sizing: border-box; }
    html { scroll-padding-top: 84px; } /* an anchored post is not hidden under the sticky header */
    body { margin: 0; }
    a { color: var(--accent); text-decoration: underline; text-decoration-thickness: 1px; text-underline-offset: 2px; }
    a:hover, a:focus-visible { text-decoration-thickness: 2px; }
    .sidenav a, .tabs a, a.button, .brand, .post-head a, .actions a, .menu-page a, .skip, .program-item h2 a, table.calendar a { text-decoration: none; }
    :focus-visible { outline: 3px solid #9db4ff; outline-offset: 2px; }
    .visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .skip { position: absolute; left: -999px; top: 8px; background: var(--card); padding: 8px 12px; border-radius: 8px; z-index: 10; }
    .skip:focus { left: 8px; }
    .topbar { position: sticky; top: 0; z-index: 5; background: rgba(255,255,255,.92); backdrop-filter: blur(6px);
      border-bottom: 1px solid var(--line); }
    .topbar-inner { max-width: 1180px; margin: 0 auto; display: flex; gap: 16px; align-items: center; padding: 10px 16px; }
    .brand { font-weight: 800; font-size: 1.2rem; color: var(--ink); display: flex; align-items: center; gap: 8px; white-space: nowrap; }
    .brand-mark { display: inline-grid; place-items: center; width: 32px; height: 32px; border-radius: 10px;
      background: linear-gradient(135deg, #3a5bd9, #7b5cff); color: #fff; font-size: 1rem; }
    .search { flex: 1; max-width: 460px; }
    .search input { width: 100%; padding: 9px 14px; border-radius: 999px; border: 1px solid var(--line); background: var(--bg); font: inherit; }
    .layout { max-width: 1180px; margin: 0 auto; display: grid; grid-template-columns: 220px minmax(0, 1fr) 280px; gap: 24px; padding: 20px 16px 80px; }
    .sidenav ul { list-style: none; margin: 0; padding: 0; position: sticky; top: 76px; }
    .sidenav a, .sidenav button { display: flex; gap: 10px; align-items: center; padding: 9px 12px; border-radius: 10px; color: var(--ink);
      font-weight: 600; width: 100%; background: none; border: 0; font: inherit; font-weight: 600; cursor: pointer; text-align: left; }
    .sidenav a:hover, .sidenav button:hover { background: var(--accent-soft); text-decoration: none; }
    .sidenav a[aria-current="page"] { background: var(--accent-soft); color: var(--accent); }
    .sidenav li.more { display: none; }
    .menu-page a { display: flex; gap: 12px; align-items: center; padding: 12px 8px; min-height: 44px; border-bottom: 1px solid var(--line); color: var(--ink); font-weight: 600; }
    .form-errors { background: #fef3f2; color: var(--danger); border: 1px solid #fecdca; border-radius: 10px; padding: 10px 12px; margin: 0 0 12px; }
    .form-errors p, .form-errors ul { margin: 0; }
    .form-errors a { color: var(--danger); text-decoration: underline; }
    [aria-invalid="true"] { border-color: var(--danger) !important; box-shadow: 0 0 0 2px #fecdca; }
    .badge { background: var(--accent); color: var(--accent-ink); border-radius: 999px; font-size: .75rem; padding: 1px 8px; margin-left: auto; }
    main { min-width: 0; }
    h1 { font-size: 1.4rem; margin: 0 0 12px; }
    h2 { font-size: 1.1rem; margin: 0 0 8px; }
    .card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); padding: 16px; margin-bottom: 16px; }
    .muted { color: var(--muted); }
    .small { font-size: .875rem; }
    .post { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 14px 16px; margin-bottom: 12px; box-shadow: var(--shadow); }
    .post.focus { border-color: var(--accent); box-shadow: 0 0 0 3px var(--accent-soft); }
    .post-head { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
    .post-head .who { display: flex; flex-direction: column; line-height: 1.2; min-width: 0; }
    .post-head .who strong { color: var(--ink); }
    .post-head .meta { margin-left: auto; font-size: .85rem; color: var(--muted); white-space: nowrap; }
    .avatar { width: 44px; height: 44px; border-radius: 12px; flex: none; background: var(--accent-soft); }
    .avatar.big { width: 88px; height: 88px; border-radius: 22px; }
    .reposted { font-size: .85rem; color: var(--muted); margin: 0 0 6px 54px; }
    .content { margin: 8px 0 0 54px; overflow-wrap: anywhere; }
    .content p { margin: 0 0 8px; }
    .content a.hashtag, .content a.mention { font-weight: 600; }
    .attachments { margin: 8px 0 0 54px; display: grid; gap: 4px; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); }
    .compose details.extras { margin: 6px 0; }
    .compose details.extras summary { cursor: pointer; }
    .poll-options { border: 0; padding: 0; display: grid; gap: 4px; }
    .poll { margin: 8px 0 0 54px; }
    .poll ul { list-style: none; padding: 0; margin: 0; }
    .poll li { margin: 4px 0; }
    .poll li.own strong::after { content: " ✓"; }
    .poll meter { width: 100%; display: block; }
    .poll fieldset { border: 0; padding: 0; margin: 0 0 6px; display: grid; gap: 4px; }
    .guide-title { margin: 4px 0 8px; font-size: 1.05rem; }
    .guide-steps { list-style: none; padding: 0; margin: 0; display: grid; gap: 12px; }
    .guide-steps figure { margin: 0; }
    .guide-steps img { width: 100%; height: auto; max-height: 320px; object-fit: contain; border-radius: 8px; display: block; background: #f2f4f7; }
    .guide-steps figcaption { margin-top: 4px; }
    .attachments img { width: 100%; height: auto; max-height: 360px; object-fit: cover; border-radius: 8px; display: block; }
    details.cw summary { cursor: pointer; font-weight: 600; color: var(--ink); background: #fff6e5; border: 1px solid #f5d9a8;
      border-radius: 10px; padding: 6px 10px; margin: 8px 0 0 54px; }
    .replying-to { margin: 4px 0 0 54px; font-size: .85rem; color: var(--muted); }
    .actions { display: flex; gap: 6px; margin: 8px 0 0 48px; flex-wrap: wrap; }
    .actions form { margin: 0; }
    .actions a, .actions button { display: inline-flex; gap: 6px; align-items: center; font: inherit; font-size: .875rem; color: var(--muted);
      background: none; border: 0; padding: 6px 10px; border-radius: 999px; cursor: pointer; }
    .actions a:hover, .actions button:hover { background: var(--accent-soft); color: var(--accent); text-decoration: none; }
    .actions button[aria-pressed="true"] { color: var(--accent); font-weight: 700; }
    .actions .danger:hover { background: #fee4e2; color: var(--danger); }
    .compose textarea, .form input[type=text], .form input[type=email], .form input[type=password], .form input[type=search],
    .form input[type=date], .form textarea, .form select, .compose input[type=text], .compose select {
      width: 100%; font: inherit; padding: 10px 12px; border: 1px solid var(--line); border-radius: 10px; background: #fff; }
    .compose textarea { min-height: 96px; resize: vertical; }
    .compose select { width: auto; }
    .compose-row { display: flex; gap: 10px; align-items: center; margin-top: 10px; flex-wrap: wrap; }
    .compose-row .grow { flex: 1; min-width: 160px; }
    .counter { font-size: .85rem; color: var(--muted); margin-left: auto; }
    .counter.over { color: var(--danger); font-weight: 700; }
    .button { display: inline-block; background: var(--accent); color: var(--accent-ink); border: 0; border-radius: 999px; padding: 9px 18px;
      font: inherit; font-weight: 700; cursor: pointer; }
    .button:hover { filter: brightness(1.08); text-decoration: none; }
    .button.secondary { background: var(--accent-soft); color: var(--accent); }
    .button.danger { background: var(--danger); color: #ffffff; }
    .deletion-requests li { padding: 8px 0; border-bottom: 1px solid var(--line, #e4e7ec); }
    .deletion-requests form { display: inline-flex; gap: 6px; align-items: center; margin: 4px 8px 0 0; }
    .form label { display: block; font-weight: 600; margin: 12px 0 4px; }
    .form .hint { font-size: .85rem; color: var(--muted); margin: 2px 0 0; }
    .form .actions-row { margin-top: 16px; display: flex; gap: 10px; align-items: center; }
    .error { background: #fef3f2; color: var(--danger); border: 1px solid #fecdca; border-radius: 10px; padding: 10px 12px; margin: 0 0 12px; }
    .notice { background: #ecfdf3; color: var(--ok); border: 1px solid #abefc6; border-radius: 10px; padding: 10px 12px; margin: 0 0 12px; }
    .field-error { color: var(--danger); font-size: .875rem; margin: 4px 0 0; }
    .profile-head { display: flex; gap: 16px; align-items: center; }
    .grow { flex: 1; min-width: 0; }
    .end { margin-left: auto; }
    select.narrow { max-width: 200px; }
    .stats { display: flex; gap: 16px; margin-top: 8px; color: var(--muted); font-size: .9rem; }
    .stats strong { color: var(--ink); }
    .pager { display: flex; justify-content: space-between; margin: 16px 0; }
    .tag-list { list-style: none; padding: 0; margin: 0; }
    ul.plain { list-style: none; padding: 0; margin: 0; }
    .qa { margin: 4px 0; }
    .badge-qa { display: inline-block; font-size: .8rem; font-weight: 600; border-radius: 999px; padding: 2px 10px; margin-right: 6px; }
    .badge-qa.open { background: #fff4e5; color: #8a4b00; }
    .badge-outside { display: inline-block; font-size: .75rem; font-weight: 600; border-radius: 999px; padding: 1px 8px; margin-left: 6px;
                     background: #eef2ff; color: #3730a3; vertical-align: middle; }
    .badge-qa.answered, .badge-qa.accepted { background: #ecfdf3; color: var(--ok); }
    .answer-controls { margin: -6px 0 14px 56px; }
    label.check { display: inline-flex; gap: 6px; align-items: center; font-size: .9rem; }
    .tabs { display: flex; gap: 16px; margin: 0 0 12px; }
    .tabs a[aria-current] { font-weight: 700; text-decoration: none; }
    .program-item h2 { margin: 0 0 4px; font-size: 1.1rem; }
    .form label:has(input[type=checkbox]) { font-weight: 400; display: flex; gap: 8px; align-items: center; }
    .tag-list li { padding: 6px 0; border-bottom: 1px solid var(--line); display: flex; justify-content: space-between; }
    .tag-list li:last-child { border-bottom: 0; }
    .notification { display: flex; gap: 10px; align-items: flex-start; }
    .notification .avatars { display: flex; flex-direction: column; gap: 4px; flex: none; }
    .notification.unread { border-left: 4px solid var(--accent); }
    .people { list-style: none; padding: 0; margin: 0; }
    .people li { display: flex; gap: 10px; align-items: center; padding: 8px 0; border-bottom: 1px solid var(--line); }
    table.admin { width: 100%; border-collapse: collapse; font-size: .9rem; }
    table.admin th, table.admin td { text-align: left; padding: 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
    code.invite { word-break: break-all; background: var(--bg); padding: 2px 6px; border-radius: 6px; }
    .empty { text-align: center; color: var(--muted); padding: 32px 16px; }
    .auth { max-width: 420px; margin: 48px auto; }
    .tabs { display: flex; gap: 6px; margin-bottom: 12px; flex-wrap: wrap; }
    .tabs a { padding: 6px 12px; border-radius: 999px; background: var(--card); border: 1px solid var(--line); color: var(--ink); font-weight: 600; }
    .tabs a[aria-current="page"] { background: var(--accent); color: #fff; border-color: var(--accent); }
    .table-scroll { overflow-x: auto; }
    .badge-qa.overdue, strong.overdue { background: #fef3f2; color: var(--danger); }
    tr.quiet th, tr.quiet td { background: #fffaeb; }
    .recall-check { border-left: 3px solid var(--accent-soft); padding-left: 10px; margin: 8px 0; }
    .recall-check ul { margin: 4px 0; }
    .right-mark { color: var(--ok); font-weight: 600; }
    label.check.option { font-size: 1rem; padding: 6px 0; }
    .explanation { background: var(--accent-soft); border-radius: 10px; padding: 10px 12px; }
    p.lead { font-size: 1.1rem; }
    table.calendar { width: 100%; border-collapse: collapse; table-layout: fixed; padding: 0; }
    table.calendar th { font-size: .8rem; color: var(--muted); padding: 6px; }
    table.calendar td { border: 1px solid var(--line); vertical-align: top; height: 88px; padding: 4px; font-size: .8rem; }
    table.calendar td.outside { background: var(--bg, #f6f7f9); }
    table.calendar .day { font-weight: 700; }
    table.calendar ul { list-style: none; margin: 2px 0 0; padding: 0; }
    table.calendar li { margin-bottom: 4px; }
    table.calendar li a { display: block; overflow-wrap: anywhere; hyphens: auto; line-height: 1.25; }
    table.calendar li time { font-weight: 700; display: block; }
    .checklist ol { list-style: none; padding: 0; margin: 0; }
    .checklist ol > li { display: flex; gap: 10px; padding: 8px 0; border-bottom: 1px solid var(--line); }
    .checklist ol > li:last-child { border-bottom: 0; }
    .checklist .check { flex: none; width: 24px; height: 24px; border-radius: 50%; display: grid; place-items: center; border: 2px solid var(--line); color: var(--muted); }
    .checklist li.done .check { background: var(--ok); border-color: var(--ok); color: #fff; }
    .checklist li.done strong { color: var(--muted); font-weight: 600; }
    .checklist progress { vertical-align: middle; margin-left: 8px; }
    .checklist form.inline { display: inline-block; margin: 4px 4px 0 0; }
    .checklist ul { margin: 4px 0 0; padding-left: 18px; }
    .plain-fieldset { border: 0; padding: 0; margin: 8px 0; display: grid; gap: 6px; }
    .plain-fieldset legend { font-weight: 600; margin-bottom: 4px; }
    .roles { margin: 2px 0 0; }
    ol.history { list-style: none; padding: 0; }
    .small-button { padding: 4px 12px; font-size: .85rem; }
    .field-pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; }
    .form input[type=datetime-local], .form input[type=number], .form input[type=date], .form input[type=time] {
      font: inherit; padding: 9px 12px; border: 1px solid var(--line); border-radius: 10px; background: #fff; width: 100%; }
    .script-rows { border: 1px solid var(--line); border-radius: 10px; margin: 14px 0 4px; padding: 8px 12px 12px; }
    .script-rows legend { font-weight: 600; padding: 0 4px; }
    .script-row { display: grid; grid-template-columns: 5.5em 1fr auto; gap: 8px; align-items: center; margin: 6px 0; }
    .script-row input { width: 100%; }
    .zone-filter { margin-bottom: 4px; }
    .calendar-nav { display: flex; gap: 12px; align-items: center; margin-bottom: 10px; }
    .host-controls { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; }
    .live-controls { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; margin: 8px 0; }
    .live-controls label { display: inline-flex; gap: 6px; align-items: center; margin: 0; }
    .live-question { margin-bottom: 18px; }
    .live-question > h2 { font-size: 1.05rem; margin: 12px 4px 8px; }
    .live-posts { display: flex; flex-direction: column; margin-left: 18px; }
    .live.newest, .live.newest .live-posts { display: flex; flex-direction: column-reverse; }
    .live-post.highlighted > .post { border-color: #f5b400; box-shadow: 0 0 0 2px #fde68a; }
    .live-highlight { margin: -6px 0 10px 12px; }
    .live-highlights ul { margin: 0; padding-left: 18px; }
    button.link { background: none; border: 0; padding: 0; color: var(--accent); cursor: pointer; font: inherit; font-size: .85rem; }
    .headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin-bottom: 12px; }
    .headline .card { margin: 0; }
    .stat-label { margin: 0; font-weight: 600; color: var(--muted); font-size: .9rem; }
    .stat-value { margin: 4px 0; font-size: 2rem; font-weight: 700; }
    .trend { margin: 0; font-size: .85rem; font-weight: 600; }
    .trend.up { color: var(--ok); } .trend.down { color: var(--danger); } .trend.flat { color: var(--muted); }
    form.period { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; }
    form.period input { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 8px; }
    figure.chart { margin: 8px 0 16px; }
    figure.chart svg { width: 100%; height: auto; display: block; }
    figure.chart .grid { stroke: var(--line); stroke-width: 1; }
    figure.chart .tick, figure.chart .axis-label { font-size: 11px; fill: var(--muted); }
    figure.chart .series { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
    figure.chart .bar { fill: var(--accent); }
    .s1 { stroke: #3a5bd9; fill: #3a5bd9; } .s2 { stroke: #d97706; fill: #d97706; } .s3 { stroke: #059669; fill: #059669; }
    figure.chart .series.s1, figure.chart .series.s2, figure.chart .series.s3 { fill: none; }
    .legend .key { margin-left: 10px; font-size: .85rem; } .legend .key::before { content: "■ "; }
    .legend .key.s1::before { color: #3a5bd9; } .legend .key.s2::before { color: #d97706; } .legend .key.s3::before { color: #059669; }
    .chart-data summary, details > summary { cursor: pointer; color: var(--accent); font-size: .9rem; }
    table.figures, table.heatmap { border-collapse: collapse; font-size: .85rem; margin: 8px 0; }
    table.figures caption { text-align: left; font-weight: 600; padding: 4px 0; }
    table.figures th, table.figures td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: right; }
    table.figures th[scope=row], table.figures thead th:first-child { text-align: left; }
    a.csv { font-weight: 400; font-size: .85rem; margin-left: 8px; }
    table.heatmap th, table.heatmap td { padding: 6px 8px; text-align: center; min-width: 3.2em; }
    table.heatmap th[scope=row] { text-align: left; white-space: nowrap; }
    table.heatmap td.partial { font-style: italic; }
    table.heatmap td.h0 { background: hsl(226 70% 96%); }
    table.heatmap td.h1 { background: hsl(226 70% 90%); }
    table.heatmap td.h2 { background: hsl(226 70% 84%); }
    table.heatmap td.h3 { background: hsl(226 70% 79%); }
    table.heatmap td.h4 { background: hsl(226 70% 73%); }
    table.heatmap td.h5 { background: hsl(226 70% 67%); }
    table.heatmap td.h6 { background: hsl(226 70% 55%); color: #fff; }
    table.heatmap td.h7 { background: hsl(226 70% 51%); color: #fff; }
    table.heatmap td.h8 { background: hsl(226 70% 46%); color: #fff; }
    table.heatmap td.h9 { background: hsl(226 70% 42%); color: #fff; }
    table.heatmap td.h10 { background: hsl(226 70% 38%); color: #fff; }
    table.heatmap tr.average th, table.heatmap tr.average td { border-top: 2px solid var(--ink); font-weight: 700; }
    svg.sparkline polyline { fill: none; stroke: var(--accent); stroke-width: 2; }
    svg.days { width: 100%; max-width: 760px; height: auto; }
    svg.days .on { fill: var(--accent); } svg.days .off { fill: var(--line); }
    @media print {
      .sidenav, .topbar, .aside, form, .tabs, a.csv, .skip-link { display: none !important; }
      .layout { display: block; padding: 0; } .card { break-inside: avoid; border: 0; box-shadow: none; }
      details { display: block; } details > summary { display: none; }
      details:not([open]) > *:not(summary) { display: block; }
      body { background: #fff; }
    }
    @media (max-width: 1000px) { .layout { grid-template-columns: 200px minmax(0, 1fr); } .aside { display: none; } }
    @media (max-width: 700px) {
      .layout { grid-template-columns: 1fr; padding: 12px 10px 90px; }
      .sidenav { position: fixed; bottom: 0; left: 0; right: 0; z-index: 6; background: var(--card); border-top: 1px solid var(--line); }
      .sidenav ul { display: flex; position: static; padding: 2px 2px calc(2px + env(safe-area-inset-bottom)); }
      .sidenav li { flex: 1 1 0; min-width: 0; }
      .sidenav li.secondary { display: none; }
      .sidenav li.more { display: block; }
      .sidenav a, .sidenav button { flex-direction: column; justify-content: center; min-height: 52px; min-width: 44px; padding: 6px 2px;
        gap: 0; position: relative; font-size: .66rem; letter-spacing: -.01em; line-height: 1.2; text-align: center; }
      .sidenav .icon { font-size: 1.15rem; }
      .sidenav .label { max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .sidenav .badge { position: absolute; top: 2px; left: calc(50% + 6px); margin-left: 0; padding: 0 5px; font-size: .65rem; }
      .content, .replying-to { margin-left: 0; } .actions { margin-left: -6px; } .reposted { margin-left: 0; }
      details.cw summary { margin-left: 0; }
      .topbar-inner { flex-wrap: wrap; } .search { order: 3; max-width: none; flex-basis: 100%; }
      .profile-head { flex-wrap: wrap; }
      .field-pair { grid-template-columns: 1fr; }
      figure.chart .tick, figure.chart .axis-label { font-size: 20px; }
      table.calendar td { height: auto; padding: 2px; font-size: .7rem; }
      table.calendar th { padding: 2px; font-size: .7rem; }
      table.admin, table.admin tbody, table.admin tr, table.admin td { display: block; }
      table.admin thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      table.admin tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
      table.admin td { border: 0; padding: 2px 0; overflow-wrap: anywhere; }
    }
    """#
}
