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

class OfficeState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OFFICE_STATE_UNSPECIFIED: _ClassVar[OfficeState]
    OFFICE_STATE_PROVISIONING: _ClassVar[OfficeState]
    OFFICE_STATE_ACTIVE: _ClassVar[OfficeState]
    OFFICE_STATE_SUSPENDED: _ClassVar[OfficeState]
OFFICE_STATE_UNSPECIFIED: OfficeState
OFFICE_STATE_PROVISIONING: OfficeState
OFFICE_STATE_ACTIVE: OfficeState
OFFICE_STATE_SUSPENDED: OfficeState

class Office(_message.Message):
    __slots__ = ("id", "name", "status", "created_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    status: OfficeState
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., status: _Optional[_Union[OfficeState, str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OfficeSettings(_message.Message):
    __slots__ = ("allow_agent_hiring", "agent_idle_timeout_minutes", "default_model_tier")
    ALLOW_AGENT_HIRING_FIELD_NUMBER: _ClassVar[int]
    AGENT_IDLE_TIMEOUT_MINUTES_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_MODEL_TIER_FIELD_NUMBER: _ClassVar[int]
    allow_agent_hiring: bool
    agent_idle_timeout_minutes: int
    default_model_tier: str
    def __init__(self, allow_agent_hiring: _Optional[bool] = ..., agent_idle_timeout_minutes: _Optional[int] = ..., default_model_tier: _Optional[str] = ...) -> None: ...

class OfficeStatus(_message.Message):
    __slots__ = ("office_id", "status", "agent_count", "running_agent_count", "open_task_count", "credit_balance")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    AGENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    RUNNING_AGENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    OPEN_TASK_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREDIT_BALANCE_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    status: OfficeState
    agent_count: int
    running_agent_count: int
    open_task_count: int
    credit_balance: int
    def __init__(self, office_id: _Optional[str] = ..., status: _Optional[_Union[OfficeState, str]] = ..., agent_count: _Optional[int] = ..., running_agent_count: _Optional[int] = ..., open_task_count: _Optional[int] = ..., credit_balance: _Optional[int] = ...) -> None: ...

class CreateOfficeRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class CreateOfficeResponse(_message.Message):
    __slots__ = ("office",)
    OFFICE_FIELD_NUMBER: _ClassVar[int]
    office: Office
    def __init__(self, office: _Optional[_Union[Office, _Mapping]] = ...) -> None: ...

class ListOfficesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListOfficesResponse(_message.Message):
    __slots__ = ("offices", "next_page_token")
    OFFICES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    offices: _containers.RepeatedCompositeFieldContainer[Office]
    next_page_token: str
    def __init__(self, offices: _Optional[_Iterable[_Union[Office, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetOfficeRequest(_message.Message):
    __slots__ = ("office_id",)
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    def __init__(self, office_id: _Optional[str] = ...) -> None: ...

class GetOfficeResponse(_message.Message):
    __slots__ = ("office",)
    OFFICE_FIELD_NUMBER: _ClassVar[int]
    office: Office
    def __init__(self, office: _Optional[_Union[Office, _Mapping]] = ...) -> None: ...

class GetOfficeStatusRequest(_message.Message):
    __slots__ = ("office_id",)
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    def __init__(self, office_id: _Optional[str] = ...) -> None: ...

class GetOfficeStatusResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: OfficeStatus
    def __init__(self, status: _Optional[_Union[OfficeStatus, _Mapping]] = ...) -> None: ...

class GetOfficeSettingsRequest(_message.Message):
    __slots__ = ("office_id",)
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    def __init__(self, office_id: _Optional[str] = ...) -> None: ...

class GetOfficeSettingsResponse(_message.Message):
    __slots__ = ("settings",)
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    settings: OfficeSettings
    def __init__(self, settings: _Optional[_Union[OfficeSettings, _Mapping]] = ...) -> None: ...

class UpdateOfficeSettingsRequest(_message.Message):
    __slots__ = ("office_id", "allow_agent_hiring", "agent_idle_timeout_minutes", "default_model_tier")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    ALLOW_AGENT_HIRING_FIELD_NUMBER: _ClassVar[int]
    AGENT_IDLE_TIMEOUT_MINUTES_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_MODEL_TIER_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    allow_agent_hiring: bool
    agent_idle_timeout_minutes: int
    default_model_tier: str
    def __init__(self, office_id: _Optional[str] = ..., allow_agent_hiring: _Optional[bool] = ..., agent_idle_timeout_minutes: _Optional[int] = ..., default_model_tier: _Optional[str] = ...) -> None: ...

class UpdateOfficeSettingsResponse(_message.Message):
    __slots__ = ("settings",)
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    settings: OfficeSettings
    def __init__(self, settings: _Optional[_Union[OfficeSettings, _Mapping]] = ...) -> None: ...

class DeleteOfficeRequest(_message.Message):
    __slots__ = ("office_id",)
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    def __init__(self, office_id: _Optional[str] = ...) -> None: ...

class DeleteOfficeResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
