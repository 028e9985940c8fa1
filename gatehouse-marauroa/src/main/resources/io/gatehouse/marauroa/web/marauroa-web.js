// Gatehouse's own browser client for Marauroa's WebSocket/JSON transport, written from
// docs/protocol/marauroa.md section 11. No dependencies; one class, MarauroaWeb.
"use strict";

class MarauroaWeb {
  constructor(url) {
    this.url = url;
    this.clientId = "-1";
    this.objects = new Map();   // id -> {rpclass, attributes, maps, slots}
    this.myId = null;
    this.zone = null;
    this.handlers = {};
    this.keepAlive = null;
  }

  /** handler names: key, loginAck, loginFailed, characters, entered, refused, perception, event, closed, message */
  on(name, handler) {
    this.handlers[name] = handler;
    return this;
  }

  emit(name, ...args) {
    const h = this.handlers[name];
    if (h) {
      h(...args);
    }
  }

  connect() {
    this.socket = new WebSocket(this.url);
    this.socket.onmessage = (e) => this.receive(JSON.parse(e.data));
    this.socket.onopen = () => {
      this.keepAlive = setInterval(() => this.send("8", {}), 10000);
    };
    this.socket.onclose = (e) => {
      clearInterval(this.keepAlive);
      this.emit("closed", e.code);
    };
  }

  send(type, fields) {
    this.socket.send(JSON.stringify(Object.assign({ t: type, c: this.clientId, s: "1" }, fields)));
  }

  login(username, token) {
    this.username = username;
    this.send("34", { u: username, p: token });
  }

  createCharacter(name) {
    this.send("26", { charname: name, template: {} });
  }

  chooseCharacter(name) {
    this.send("1", { character: name });
  }

  /** An action: every value is sent as a string, as the server reads only strings. */
  act(attributes) {
    const a = {};
    for (const [k, v] of Object.entries(attributes)) {
      a[k] = String(v);
    }
    this.send("0", { a: a });
  }

  logout() {
    this.send("5", {});
  }

  receive(m) {
    this.emit("message", m);
    switch (m.t) {
      case "15":
        this.clientId = m.c;
        this.emit("key", m);
        break;
      case "13":
        this.emit("loginAck", m.previousLogins);
        break;
      case "14":
        this.emit("loginFailed", m.reason, m.text);
        break;
      case "31":
        this.emit("loginFailed", "MESSAGE", "");
        break;
      case "9":
        this.clientId = m.c;
        this.emit("characters", m.characters);
        break;
      case "10":
        this.emit("entered");
        break;
      case "11":
        this.emit("refused");
        break;
      case "19":
        this.perceive(m);
        break;
      case "22":
        this.answerOffer(m.contents);
        break;
      default:
        break;
    }
  }

  answerOffer(contents) {
    const wanted = {};
    for (const c of contents) {
      wanted[c.name] = false;
    }
    this.send("7", { contents: wanted });
  }

  perceive(m) {
    if (m.sync) {
      this.objects.clear();
      this.zone = m.zoneid;
    }
    for (const o of m.aO || []) {
      const made = { rpclass: o.c, attributes: {}, maps: {} };
      this.objects.set(o.a.id, made);
      this.apply(made, o);
    }
    for (const o of m.dA || []) {
      const known = this.objects.get(o.a.id);
      if (known) {
        for (const k of Object.keys(o.a)) {
          if (k !== "id" && k !== "zoneid") {
            delete known.attributes[k];
          }
        }
      }
    }
    for (const o of m.aA || []) {
      const known = this.objects.get(o.a.id);
      if (known) {
        this.apply(known, o);
      }
    }
    for (const o of m.dO || []) {
      this.objects.delete(o.a.id);
    }
    for (const mine of [m.dM, m.aM]) {
      if (mine) {
        this.myId = mine.a.id;
      }
    }
    if (m.aM) {
      let me = this.objects.get(m.aM.a.id);
      if (!me) {
        me = { rpclass: m.aM.c, attributes: {}, maps: {} };
        this.objects.set(m.aM.a.id, me);
      }
      this.apply(me, m.aM);
    }
    this.emit("perception", m);
  }

  apply(target, o) {
    Object.assign(target.attributes, o.a);
    for (const [name, map] of Object.entries(o.m || {})) {
      target.maps[name] = Object.assign(target.maps[name] || {}, map.a);
    }
    for (const e of o.e || []) {
      this.emit("event", target, e.c, e.a);
    }
  }
}

window.MarauroaWeb = MarauroaWeb;
