"""/healthz for a load balancer or monitor: 200 when the database and media storage work."""

import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("itaportal.events")


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        # Write and remove a tiny file: a full disk or a read-only mount fails here.
        name = default_storage.save(f".healthz-{uuid.uuid4().hex}", ContentFile(b"ok"))
        default_storage.delete(name)
    except Exception:
        # The reason goes to the log; the answer tells an outsider nothing.
        logger.exception("healthz_failed")
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
