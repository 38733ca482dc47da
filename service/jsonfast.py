"""JSON responses through orjson: answers are serialised several times faster than with the
standard library, and keys keep the order Answer.to_dict() gives them."""
from __future__ import annotations

import orjson
from flask.json.provider import DefaultJSONProvider


class OrjsonProvider(DefaultJSONProvider):
    """Flask's JSON provider with orjson doing the encoding (and decoding of request bodies)."""

    sort_keys = False

    def dumps(self, obj, **kwargs) -> str:
        """Encode with orjson; anything it cannot encode falls back to Flask's encoder."""
        try:
            return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS).decode()
        except TypeError:
            return super().dumps(obj, **kwargs)

    def loads(self, s, **kwargs):
        """Decode with orjson (strict JSON: NaN and Infinity are refused)."""
        return orjson.loads(s)

    def response(self, *args, **kwargs):
        """A JSON response; the body is compact, with no trailing newline."""
        obj = self._prepare_response_obj(args, kwargs)
        return self._app.response_class(self.dumps(obj), mimetype=self.mimetype)
