// The example game's page (docs/protocol/marauroa.md, section 11.7), on MarauroaWeb.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const CELL = 10;
  const wsPath = document.body.dataset.wsPath;
  let client = null;

  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get("user")) { $("user").value = fragment.get("user"); }
  if (fragment.get("token")) { $("token").value = fragment.get("token"); }

  function status(text) { $("status").textContent = text; }

  function draw() {
    const town = $("town");
    const list = $("players");
    town.textContent = "";
    list.textContent = "";
    for (const [id, o] of client.objects) {
      if (o.rpclass !== "player") { continue; }
      const a = o.attributes;
      const dot = document.createElement("div");
      dot.className = "player" + (id === client.myId ? " me" : "");
      dot.dataset.name = a.name;
      dot.style.left = (320 + Number(a.x) * CELL) + "px";
      dot.style.top = (320 + Number(a.y) * CELL) + "px";
      const label = document.createElement("span");
      label.textContent = a.name;
      dot.appendChild(label);
      town.appendChild(dot);
      const li = document.createElement("li");
      li.dataset.name = a.name;
      li.textContent = a.name + " (" + a.x + "," + a.y + ")";
      list.appendChild(li);
    }
  }

  function chatLine(text) {
    const line = document.createElement("div");
    line.className = "line";
    line.textContent = text;
    $("chatlog").appendChild(line);
    $("chatlog").scrollTop = $("chatlog").scrollHeight;
  }

  $("signin").addEventListener("submit", (e) => {
    e.preventDefault();
    const user = $("user").value.trim();
    const token = $("token").value.trim();
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    client = new MarauroaWeb(scheme + location.host + wsPath);
    client
      .on("key", () => { status("Connected; signing in as " + user + "."); client.login(user, token); })
      .on("loginFailed", (reason, text) => status("Sign-in refused: " + text))
      .on("characters", (characters) => {
        const names = Object.keys(characters);
        if (names.length === 0) { client.createCharacter(user); } else { client.chooseCharacter(names[0]); }
      })
      .on("entered", () => { status("Playing as " + user + "."); $("town").focus(); })
      .on("refused", () => status("The character was refused."))
      .on("perception", draw)
      .on("event", (o, name, attrs) => { if (name === "chat") { chatLine(o.attributes.name + ": " + attrs.text); } })
      .on("closed", (code) => status("Disconnected (" + code + ")."));
    client.connect();
  });

  const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  $("town").addEventListener("keydown", (e) => {
    const m = moves[e.key];
    if (m && client) {
      e.preventDefault();
      client.act({ type: "move", dx: m[0], dy: m[1] });
    }
  });

  $("chat").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("say").value;
    if (text && client) {
      client.act({ type: "chat", text: text });
      $("say").value = "";
    }
  });
})();
