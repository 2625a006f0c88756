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

class EnvScope(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ENV_SCOPE_UNSPECIFIED: _ClassVar[EnvScope]
    ENV_SCOPE_OFFICE: _ClassVar[EnvScope]
    ENV_SCOPE_AGENT: _ClassVar[EnvScope]
ENV_SCOPE_UNSPECIFIED: EnvScope
ENV_SCOPE_OFFICE: EnvScope
ENV_SCOPE_AGENT: EnvScope

class EnvVar(_message.Message):
    __slots__ = ("key", "value", "secret", "masked_value", "scope", "agent_name", "updated_at", "updated_by")
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    SECRET_FIELD_NUMBER: _ClassVar[int]
    MASKED_VALUE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    key: str
    value: str
    secret: bool
    masked_value: str
    scope: EnvScope
    agent_name: str
    updated_at: _timestamp_pb2.Timestamp
    updated_by: str
    def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ..., secret: _Optional[bool] = ..., masked_value: _Optional[str] = ..., scope: _Optional[_Union[EnvScope, str]] = ..., agent_name: _Optional[str] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ...) -> None: ...

class ListEnvVarsRequest(_message.Message):
    __slots__ = ("office_id", "page_size", "page_token")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    page_size: int
    page_token: str
    def __init__(self, office_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListEnvVarsResponse(_message.Message):
    __slots__ = ("vars", "next_page_token")
    VARS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    vars: _containers.RepeatedCompositeFieldContainer[EnvVar]
    next_page_token: str
    def __init__(self, vars: _Optional[_Iterable[_Union[EnvVar, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class SetEnvVarRequest(_message.Message):
    __slots__ = ("office_id", "key", "value", "secret")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    SECRET_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    key: str
    value: str
    secret: bool
    def __init__(self, office_id: _Optional[str] = ..., key: _Optional[str] = ..., value: _Optional[str] = ..., secret: _Optional[bool] = ...) -> None: ...

class SetEnvVarResponse(_message.Message):
    __slots__ = ("env_var",)
    ENV_VAR_FIELD_NUMBER: _ClassVar[int]
    env_var: EnvVar
    def __init__(self, env_var: _Optional[_Union[EnvVar, _Mapping]] = ...) -> None: ...

class DeleteEnvVarRequest(_message.Message):
    __slots__ = ("office_id", "key")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    key: str
    def __init__(self, office_id: _Optional[str] = ..., key: _Optional[str] = ...) -> None: ...

class DeleteEnvVarResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetAgentEnvRequest(_message.Message):
    __slots__ = ("office_id", "agent_name")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ...) -> None: ...

class GetAgentEnvResponse(_message.Message):
    __slots__ = ("vars",)
    VARS_FIELD_NUMBER: _ClassVar[int]
    vars: _containers.RepeatedCompositeFieldContainer[EnvVar]
    def __init__(self, vars: _Optional[_Iterable[_Union[EnvVar, _Mapping]]] = ...) -> None: ...

class SetAgentEnvVarRequest(_message.Message):
    __slots__ = ("office_id", "agent_name", "key", "value", "secret")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    SECRET_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    key: str
    value: str
    secret: bool
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., key: _Optional[str] = ..., value: _Optional[str] = ..., secret: _Optional[bool] = ...) -> None: ...

class SetAgentEnvVarResponse(_message.Message):
    __slots__ = ("env_var",)
    ENV_VAR_FIELD_NUMBER: _ClassVar[int]
    env_var: EnvVar
    def __init__(self, env_var: _Optional[_Union[EnvVar, _Mapping]] = ...) -> None: ...

class DeleteAgentEnvVarRequest(_message.Message):
    __slots__ = ("office_id", "agent_name", "key")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    key: str
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., key: _Optional[str] = ...) -> None: ...

class DeleteAgentEnvVarResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
