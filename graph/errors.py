"""The one error hierarchy; each error maps once to an HTTP status and a CLI exit code.

KGError
 +-- CorpusError        a document or corpus folder cannot be read            422 / exit 3
 +-- UnknownEntity      a label, CURIE or IRI names no entity                 404 / exit 4
 +-- UnknownClaim       an id names no claim of the graph                      404 / exit 4
 +-- UnknownBuild       an id names no build the history keeps                 404 / exit 4
 +-- InvalidQuery       a query or parameter is malformed or not allowed      400 / exit 2
 +-- QueryRefused       a query would leave the sandbox (SERVICE, LOAD, FROM) 403 / exit 2
 +-- QueryTimeout       a query ran past its time limit                        504 / exit 5
 +-- ResultTooLarge     a result passed the size cap                           413 / exit 5
 +-- QueryTooCostly     a query needed more memory than a worker may use       422 / exit 5
 +-- NotAcceptable      no supported media type matches Accept                406 / exit 2
 +-- StoreError         the store is missing or cannot be opened              503 / exit 6
 +-- ValidationFailed   the graph breaks a SHACL shape                        500 / exit 7
 +-- DocumentTooLarge   a sent document passed the size cap                   413 / exit 3
 +-- ExtractionTimeout  reading a sent document ran past its time limit       504 / exit 5
"""

from __future__ import annotations


class KGError(Exception):
    """Base of every error the service raises on purpose."""

    http_status = 500
    exit_code = 1
    code = "error"


class CorpusError(KGError):
    http_status, exit_code, code = 422, 3, "corpus_error"


class UnknownEntity(KGError):
    http_status, exit_code, code = 404, 4, "unknown_entity"


class UnknownClaim(KGError):
    http_status, exit_code, code = 404, 4, "unknown_claim"


class UnknownBuild(KGError):
    http_status, exit_code, code = 404, 4, "unknown_build"


class InvalidQuery(KGError):
    http_status, exit_code, code = 400, 2, "invalid_query"


class QueryRefused(KGError):
    http_status, exit_code, code = 403, 2, "query_refused"


class QueryTimeout(KGError):
    http_status, exit_code, code = 504, 5, "query_timeout"


class ResultTooLarge(KGError):
    http_status, exit_code, code = 413, 5, "result_too_large"


class QueryTooCostly(KGError):
    http_status, exit_code, code = 422, 5, "query_too_costly"


class NotAcceptable(KGError):
    http_status, exit_code, code = 406, 2, "not_acceptable"


class StoreError(KGError):
    http_status, exit_code, code = 503, 6, "store_error"


class ValidationFailed(KGError):
    http_status, exit_code, code = 500, 7, "validation_failed"


class DocumentTooLarge(KGError):
    http_status, exit_code, code = 413, 3, "document_too_large"


class ExtractionTimeout(KGError):
    http_status, exit_code, code = 504, 5, "extraction_timeout"
