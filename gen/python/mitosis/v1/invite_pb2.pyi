import datetime

from buf.validate import validate_pb2 as _validate_pb2
from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mitosis.v1 import agent_pb2 as _agent_pb2
from mitosis.v1 import office_pb2 as _office_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class InviteType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INVITE_TYPE_UNSPECIFIED: _ClassVar[InviteType]
    INVITE_TYPE_AGENT: _ClassVar[InviteType]
    INVITE_TYPE_HUMAN: _ClassVar[InviteType]

class InviteStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INVITE_STATUS_UNSPECIFIED: _ClassVar[InviteStatus]
    INVITE_STATUS_ACTIVE: _ClassVar[InviteStatus]
    INVITE_STATUS_USED: _ClassVar[InviteStatus]
    INVITE_STATUS_REVOKED: _ClassVar[InviteStatus]
    INVITE_STATUS_EXPIRED: _ClassVar[InviteStatus]
INVITE_TYPE_UNSPECIFIED: InviteType
INVITE_TYPE_AGENT: InviteType
INVITE_TYPE_HUMAN: InviteType
INVITE_STATUS_UNSPECIFIED: InviteStatus
INVITE_STATUS_ACTIVE: InviteStatus
INVITE_STATUS_USED: InviteStatus
INVITE_STATUS_REVOKED: InviteStatus
INVITE_STATUS_EXPIRED: InviteStatus

class Invite(_message.Message):
    __slots__ = ("id", "code", "type", "name", "status", "office_id", "url", "created_by", "created_at", "expires_at", "used_at", "used_by_agent", "revoked_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    USED_AT_FIELD_NUMBER: _ClassVar[int]
    USED_BY_AGENT_FIELD_NUMBER: _ClassVar[int]
    REVOKED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    code: str
    type: InviteType
    name: str
    status: InviteStatus
    office_id: str
    url: str
    created_by: str
    created_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    used_at: _timestamp_pb2.Timestamp
    used_by_agent: str
    revoked_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., code: _Optional[str] = ..., type: _Optional[_Union[InviteType, str]] = ..., name: _Optional[str] = ..., status: _Optional[_Union[InviteStatus, str]] = ..., office_id: _Optional[str] = ..., url: _Optional[str] = ..., created_by: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., used_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., used_by_agent: _Optional[str] = ..., revoked_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateInviteRequest(_message.Message):
    __slots__ = ("office_id", "type", "name", "ttl_hours", "reuse_active")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TTL_HOURS_FIELD_NUMBER: _ClassVar[int]
    REUSE_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    type: InviteType
    name: str
    ttl_hours: int
    reuse_active: bool
    def __init__(self, office_id: _Optional[str] = ..., type: _Optional[_Union[InviteType, str]] = ..., name: _Optional[str] = ..., ttl_hours: _Optional[int] = ..., reuse_active: _Optional[bool] = ...) -> None: ...

class CreateInviteResponse(_message.Message):
    __slots__ = ("invite",)
    INVITE_FIELD_NUMBER: _ClassVar[int]
    invite: Invite
    def __init__(self, invite: _Optional[_Union[Invite, _Mapping]] = ...) -> None: ...

class ListInvitesRequest(_message.Message):
    __slots__ = ("office_id", "status", "type", "page_size", "page_token")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    status: InviteStatus
    type: InviteType
    page_size: int
    page_token: str
    def __init__(self, office_id: _Optional[str] = ..., status: _Optional[_Union[InviteStatus, str]] = ..., type: _Optional[_Union[InviteType, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListInvitesResponse(_message.Message):
    __slots__ = ("invites", "next_page_token")
    INVITES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    invites: _containers.RepeatedCompositeFieldContainer[Invite]
    next_page_token: str
    def __init__(self, invites: _Optional[_Iterable[_Union[Invite, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetInviteRequest(_message.Message):
    __slots__ = ("office_id", "invite_id")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    INVITE_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    invite_id: str
    def __init__(self, office_id: _Optional[str] = ..., invite_id: _Optional[str] = ...) -> None: ...

class GetInviteResponse(_message.Message):
    __slots__ = ("invite",)
    INVITE_FIELD_NUMBER: _ClassVar[int]
    invite: Invite
    def __init__(self, invite: _Optional[_Union[Invite, _Mapping]] = ...) -> None: ...

class RevokeInviteRequest(_message.Message):
    __slots__ = ("office_id", "invite_id")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    INVITE_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    invite_id: str
    def __init__(self, office_id: _Optional[str] = ..., invite_id: _Optional[str] = ...) -> None: ...

class RevokeInviteResponse(_message.Message):
    __slots__ = ("invite",)
    INVITE_FIELD_NUMBER: _ClassVar[int]
    invite: Invite
    def __init__(self, invite: _Optional[_Union[Invite, _Mapping]] = ...) -> None: ...

class JoinOfficeRequest(_message.Message):
    __slots__ = ("code", "agent_name", "public_key", "xmtp_address")
    CODE_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    XMTP_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    code: str
    agent_name: str
    public_key: str
    xmtp_address: str
    def __init__(self, code: _Optional[str] = ..., agent_name: _Optional[str] = ..., public_key: _Optional[str] = ..., xmtp_address: _Optional[str] = ...) -> None: ...

class JoinOfficeResponse(_message.Message):
    __slots__ = ("agent", "office", "heartbeat_interval")
    AGENT_FIELD_NUMBER: _ClassVar[int]
    OFFICE_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_INTERVAL_FIELD_NUMBER: _ClassVar[int]
    agent: _agent_pb2.Agent
    office: _office_pb2.Office
    heartbeat_interval: _duration_pb2.Duration
    def __init__(self, agent: _Optional[_Union[_agent_pb2.Agent, _Mapping]] = ..., office: _Optional[_Union[_office_pb2.Office, _Mapping]] = ..., heartbeat_interval: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class HeartbeatRequest(_message.Message):
    __slots__ = ("office_id", "agent_name", "status_message", "client_version", "working")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    CLIENT_VERSION_FIELD_NUMBER: _ClassVar[int]
    WORKING_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    status_message: str
    client_version: str
    working: bool
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., status_message: _Optional[str] = ..., client_version: _Optional[str] = ..., working: _Optional[bool] = ...) -> None: ...

class HeartbeatResponse(_message.Message):
    __slots__ = ("status", "heartbeat_interval", "server_time")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_INTERVAL_FIELD_NUMBER: _ClassVar[int]
    SERVER_TIME_FIELD_NUMBER: _ClassVar[int]
    status: _agent_pb2.AgentStatus
    heartbeat_interval: _duration_pb2.Duration
    server_time: _timestamp_pb2.Timestamp
    def __init__(self, status: _Optional[_Union[_agent_pb2.AgentStatus, _Mapping]] = ..., heartbeat_interval: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., server_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CloneAgentRequest(_message.Message):
    __slots__ = ("office_id", "agent_name", "code")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    code: str
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., code: _Optional[str] = ...) -> None: ...

class CloneAgentResponse(_message.Message):
    __slots__ = ("agent", "source_agent_name", "office_id")
    AGENT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    agent: _agent_pb2.Agent
    source_agent_name: str
    office_id: str
    def __init__(self, agent: _Optional[_Union[_agent_pb2.Agent, _Mapping]] = ..., source_agent_name: _Optional[str] = ..., office_id: _Optional[str] = ...) -> None: ...
