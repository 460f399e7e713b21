"""Greenhouse controller dashboard: Tornado handlers and a sensor WebSocket, over sqlite3."""

import json
import os
import shlex
import sqlite3
import subprocess

import tornado.escape
import tornado.ioloop
import tornado.web
import tornado.websocket
from tornado.httpclient import AsyncHTTPClient, HTTPRequest

db = sqlite3.connect("/var/lib/greenhouse/readings.db")
ZONES = {"north", "south", "nursery"}
VALVE_SCRIPT = "/opt/greenhouse/bin/valve"
FIRMWARE_DIR = "/opt/greenhouse/firmware"
WEATHER = "https://api.weather-station.example/v1/"


class BaseHandler(tornado.web.RequestHandler):
    def zone(self):
        z = self.get_argument("zone", "north")
        if z not in ZONES:
            raise tornado.web.HTTPError(400)
        return z


class ReadingsHandler(BaseHandler):
    def get(self):
        zone = self.zone()
        since = self.get_argument("since", "")
        # zone passed the helper's allowlist; since is spliced
        # ruleid: sql-injection
        rows = db.execute(f"SELECT ts, temp FROM reading WHERE zone = '{zone}' AND ts > '{since}'").fetchall()
        # zone from the raising helper, since bound
        # ok: sql-injection
        db.execute(f"SELECT COUNT(*) FROM reading WHERE zone = '{zone}' AND ts > ?", (since,))
        self.write({"rows": rows})


class ZonePageHandler(BaseHandler):
    def get(self, zone_name):
        note = self.get_argument("note", "")
        # the note is escaped, the URL-pattern argument is not
        # ruleid: xss
        self.write(f"<h1>{zone_name}</h1><p>{tornado.escape.xhtml_escape(note)}</p>")

    def post(self, zone_name):
        label = self.get_body_argument("label")
        # both values escaped
        # ok: xss
        self.finish("<h2>" + tornado.escape.xhtml_escape(zone_name) + "</h2><em>" + tornado.escape.xhtml_escape(label) + "</em>")


class ValveHandler(BaseHandler):
    def post(self):
        zone = self.zone()
        seconds = self.get_argument("seconds", "30")
        # zone allowlisted, seconds converted
        # ok: command-injection
        subprocess.run(f"{VALVE_SCRIPT} open {zone} {int(seconds)}", shell=True, check=True)
        reason = self.get_argument("reason", "")
        # reason goes into the shell line as typed
        # ruleid: command-injection
        subprocess.call(f"logger -t greenhouse valve opened: {reason}", shell=True)
        # quoted with shlex
        # ok: command-injection
        subprocess.call("logger -t greenhouse " + shlex.quote(reason), shell=True)


class FirmwareHandler(BaseHandler):
    def get(self, name):
        path = os.path.realpath(os.path.join(FIRMWARE_DIR, name))
        if os.path.commonpath([path, FIRMWARE_DIR]) != FIRMWARE_DIR:
            raise tornado.web.HTTPError(403)
        # realpath + commonpath with a raise
        # ok: path-traversal
        with open(path, "rb") as fh:
            self.write(fh.read())

    def put(self, name):
        # the URL-pattern file name written under the firmware folder
        # ruleid: path-traversal
        with open(os.path.join(FIRMWARE_DIR, name), "wb") as fh:
            fh.write(self.request.body)


class WeatherHandler(BaseHandler):
    async def get(self):
        station = self.get_argument("station", "home")
        client = AsyncHTTPClient()
        # constant https host with a trailing slash
        # ok: ssrf
        resp = await client.fetch(WEATHER + "stations/" + station)
        feed = self.get_argument("feed", "")
        # an HTTPRequest whose URL is the query argument
        # ruleid: ssrf
        extra = await client.fetch(HTTPRequest(feed, method="GET", request_timeout=10))
        self.write({"station": json.loads(resp.body), "extra": len(extra.body)})


class LoginHandler(BaseHandler):
    def post(self):
        token = self.get_body_argument("token")
        # [beyond docs] a session token set by Tornado's set_cookie without flags
        # ruleid: insecure-cookie
        self.set_cookie("gh_session", token)
        # both flags set
        # ok: insecure-cookie
        self.set_cookie("gh_auth", token, secure=True, httponly=True)
        nxt = self.get_argument("next", "/")
        if not nxt.startswith("/") or nxt.startswith(("//", "/\\")) or not nxt.isprintable():
            nxt = "/"
        # the full same-site check, resetting the value
        # ok: open-redirect
        self.redirect(nxt)

    def get(self):
        # the return URL straight from the query
        # ruleid: open-redirect
        self.redirect(self.get_argument("return_to", "/"))


class SensorSocket(tornado.websocket.WebSocketHandler):
    def on_message(self, message):
        reading = json.loads(message)
        sensor = reading.get("sensor", "")
        # the sensor id from the socket message in an INSERT text
        # ruleid: sql-injection
        db.execute("INSERT INTO reading (sensor, temp) VALUES ('%s', %f)" % (sensor, float(reading.get("temp", 0))))
        # bound values
        # ok: sql-injection
        db.execute("INSERT INTO sensor_seen (sensor) VALUES (?)", (sensor,))


def make_app():
    return tornado.web.Application(
        [
            (r"/readings", ReadingsHandler),
            (r"/zones/([^/]+)", ZonePageHandler),
            (r"/valve", ValveHandler),
            (r"/firmware/(.+)", FirmwareHandler),
            (r"/weather", WeatherHandler),
            (r"/login", LoginHandler),
            (r"/ws/sensors", SensorSocket),
        ],
        cookie_secret=os.environ["GH_COOKIE_SECRET"],
        # Tornado debug mode switched on in the app factory
        # ruleid: debug-mode
        debug=True,
    )


if __name__ == "__main__":
    make_app().listen(8888)
    tornado.ioloop.IOLoop.current().start()
