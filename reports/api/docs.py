"""The API's human page: the endpoints listed from the OpenAPI schema, server-rendered.

django-ninja's own docs page loads Swagger UI from a CDN, which the Content-Security-Policy
(and the rule of no CDN) forbids; this page needs no script at all."""

from django.shortcuts import render
from ninja.openapi.docs import DocsBase


def _parameters(operation):
    return [
        {
            "name": p["name"],
            "where": p["in"],
            "required": p.get("required", False),
            "description": p.get("description", ""),
        }
        for p in operation.get("parameters", [])
    ]


class EndpointList(DocsBase):
    def render_page(self, request, api, **kwargs):
        schema = api.get_openapi_schema(path_params=kwargs)
        endpoints = [
            {
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": _parameters(operation),
            }
            for path, methods in schema["paths"].items()
            for method, operation in methods.items()
        ]
        return render(
            request,
            "reports/api/docs.html",
            {
                "api": api,
                "endpoints": endpoints,
                "openapi_url": self.get_openapi_url(api, kwargs),
            },
        )
