import datetime

from buf.validate import validate_pb2 as _validate_pb2
from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CreditEntryKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CREDIT_ENTRY_KIND_UNSPECIFIED: _ClassVar[CreditEntryKind]
    CREDIT_ENTRY_KIND_DEPOSIT: _ClassVar[CreditEntryKind]
    CREDIT_ENTRY_KIND_USAGE: _ClassVar[CreditEntryKind]
    CREDIT_ENTRY_KIND_REFUND: _ClassVar[CreditEntryKind]
    CREDIT_ENTRY_KIND_ADJUSTMENT: _ClassVar[CreditEntryKind]
CREDIT_ENTRY_KIND_UNSPECIFIED: CreditEntryKind
CREDIT_ENTRY_KIND_DEPOSIT: CreditEntryKind
CREDIT_ENTRY_KIND_USAGE: CreditEntryKind
CREDIT_ENTRY_KIND_REFUND: CreditEntryKind
CREDIT_ENTRY_KIND_ADJUSTMENT: CreditEntryKind

class ReserveCreditsRequest(_message.Message):
    __slots__ = ("office_id", "agent_name", "max_tokens", "purpose", "request_id")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    MAX_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    max_tokens: int
    purpose: str
    request_id: str
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., max_tokens: _Optional[int] = ..., purpose: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ReserveCreditsResponse(_message.Message):
    __slots__ = ("credits", "balance")
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    credits: int
    balance: CreditBalance
    def __init__(self, credits: _Optional[int] = ..., balance: _Optional[_Union[CreditBalance, _Mapping]] = ...) -> None: ...

class SettleCreditsRequest(_message.Message):
    __slots__ = ("office_id", "request_id", "used_tokens")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    USED_TOKENS_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    request_id: str
    used_tokens: int
    def __init__(self, office_id: _Optional[str] = ..., request_id: _Optional[str] = ..., used_tokens: _Optional[int] = ...) -> None: ...

class SettleCreditsResponse(_message.Message):
    __slots__ = ("charged", "refunded", "balance")
    CHARGED_FIELD_NUMBER: _ClassVar[int]
    REFUNDED_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    charged: int
    refunded: int
    balance: CreditBalance
    def __init__(self, charged: _Optional[int] = ..., refunded: _Optional[int] = ..., balance: _Optional[_Union[CreditBalance, _Mapping]] = ...) -> None: ...

class CreditBalance(_message.Message):
    __slots__ = ("office_id", "balance", "updated_at")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    balance: int
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, office_id: _Optional[str] = ..., balance: _Optional[int] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreditLedgerEntry(_message.Message):
    __slots__ = ("id", "kind", "amount", "balance_after", "note", "agent_name", "created_by", "created_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    BALANCE_AFTER_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: int
    kind: CreditEntryKind
    amount: int
    balance_after: int
    note: str
    agent_name: str
    created_by: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[int] = ..., kind: _Optional[_Union[CreditEntryKind, str]] = ..., amount: _Optional[int] = ..., balance_after: _Optional[int] = ..., note: _Optional[str] = ..., agent_name: _Optional[str] = ..., created_by: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetCreditBalanceRequest(_message.Message):
    __slots__ = ("office_id",)
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    def __init__(self, office_id: _Optional[str] = ...) -> None: ...

class GetCreditBalanceResponse(_message.Message):
    __slots__ = ("balance",)
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    balance: CreditBalance
    def __init__(self, balance: _Optional[_Union[CreditBalance, _Mapping]] = ...) -> None: ...

class AddCreditsRequest(_message.Message):
    __slots__ = ("office_id", "amount", "note", "request_id")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    amount: int
    note: str
    request_id: str
    def __init__(self, office_id: _Optional[str] = ..., amount: _Optional[int] = ..., note: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class AddCreditsResponse(_message.Message):
    __slots__ = ("balance", "entry")
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    balance: CreditBalance
    entry: CreditLedgerEntry
    def __init__(self, balance: _Optional[_Union[CreditBalance, _Mapping]] = ..., entry: _Optional[_Union[CreditLedgerEntry, _Mapping]] = ...) -> None: ...

class ListCreditLedgerEntriesRequest(_message.Message):
    __slots__ = ("office_id", "agent_name", "kind", "page_size", "page_token")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    kind: CreditEntryKind
    page_size: int
    page_token: str
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., kind: _Optional[_Union[CreditEntryKind, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCreditLedgerEntriesResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[CreditLedgerEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[CreditLedgerEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
