import datetime

from buf.validate import validate_pb2 as _validate_pb2
from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AgentPhase(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AGENT_PHASE_UNSPECIFIED: _ClassVar[AgentPhase]
    AGENT_PHASE_PENDING: _ClassVar[AgentPhase]
    AGENT_PHASE_RUNNING: _ClassVar[AgentPhase]
    AGENT_PHASE_SUCCEEDED: _ClassVar[AgentPhase]
    AGENT_PHASE_FAILED: _ClassVar[AgentPhase]
    AGENT_PHASE_UNKNOWN: _ClassVar[AgentPhase]
    AGENT_PHASE_SUSPENDED: _ClassVar[AgentPhase]
    AGENT_PHASE_ONLINE: _ClassVar[AgentPhase]
    AGENT_PHASE_OFFLINE: _ClassVar[AgentPhase]
    AGENT_PHASE_TERMINATING: _ClassVar[AgentPhase]

class EmployeeType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EMPLOYEE_TYPE_UNSPECIFIED: _ClassVar[EmployeeType]
    EMPLOYEE_TYPE_KUBERNETES: _ClassVar[EmployeeType]
    EMPLOYEE_TYPE_EXTERNAL: _ClassVar[EmployeeType]
    EMPLOYEE_TYPE_LOCAL: _ClassVar[EmployeeType]

class LogStream(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LOG_STREAM_UNSPECIFIED: _ClassVar[LogStream]
    LOG_STREAM_STDOUT: _ClassVar[LogStream]
    LOG_STREAM_STDERR: _ClassVar[LogStream]
    LOG_STREAM_SYSTEM: _ClassVar[LogStream]

class ActivityCategory(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACTIVITY_CATEGORY_UNSPECIFIED: _ClassVar[ActivityCategory]
    ACTIVITY_CATEGORY_TASK: _ClassVar[ActivityCategory]
    ACTIVITY_CATEGORY_LIFECYCLE: _ClassVar[ActivityCategory]
    ACTIVITY_CATEGORY_CHAT: _ClassVar[ActivityCategory]
    ACTIVITY_CATEGORY_FILE: _ClassVar[ActivityCategory]
    ACTIVITY_CATEGORY_INTEGRATION: _ClassVar[ActivityCategory]
    ACTIVITY_CATEGORY_CREDIT: _ClassVar[ActivityCategory]
AGENT_PHASE_UNSPECIFIED: AgentPhase
AGENT_PHASE_PENDING: AgentPhase
AGENT_PHASE_RUNNING: AgentPhase
AGENT_PHASE_SUCCEEDED: AgentPhase
AGENT_PHASE_FAILED: AgentPhase
AGENT_PHASE_UNKNOWN: AgentPhase
AGENT_PHASE_SUSPENDED: AgentPhase
AGENT_PHASE_ONLINE: AgentPhase
AGENT_PHASE_OFFLINE: AgentPhase
AGENT_PHASE_TERMINATING: AgentPhase
EMPLOYEE_TYPE_UNSPECIFIED: EmployeeType
EMPLOYEE_TYPE_KUBERNETES: EmployeeType
EMPLOYEE_TYPE_EXTERNAL: EmployeeType
EMPLOYEE_TYPE_LOCAL: EmployeeType
LOG_STREAM_UNSPECIFIED: LogStream
LOG_STREAM_STDOUT: LogStream
LOG_STREAM_STDERR: LogStream
LOG_STREAM_SYSTEM: LogStream
ACTIVITY_CATEGORY_UNSPECIFIED: ActivityCategory
ACTIVITY_CATEGORY_TASK: ActivityCategory
ACTIVITY_CATEGORY_LIFECYCLE: ActivityCategory
ACTIVITY_CATEGORY_CHAT: ActivityCategory
ACTIVITY_CATEGORY_FILE: ActivityCategory
ACTIVITY_CATEGORY_INTEGRATION: ActivityCategory
ACTIVITY_CATEGORY_CREDIT: ActivityCategory

class AgentStatus(_message.Message):
    __slots__ = ("phase", "message", "reason", "updated_at")
    PHASE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    phase: AgentPhase
    message: str
    reason: str
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, phase: _Optional[_Union[AgentPhase, str]] = ..., message: _Optional[str] = ..., reason: _Optional[str] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Agent(_message.Message):
    __slots__ = ("name", "status", "employee_type", "model_tier", "provider", "role", "skills", "system_prompt", "hired_by", "created_at", "last_heartbeat_at", "public_key", "xmtp_address", "cloned_from", "budget", "credits_used", "spawn_depth")
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    EMPLOYEE_TYPE_FIELD_NUMBER: _ClassVar[int]
    MODEL_TIER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    SYSTEM_PROMPT_FIELD_NUMBER: _ClassVar[int]
    HIRED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_HEARTBEAT_AT_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    XMTP_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CLONED_FROM_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    CREDITS_USED_FIELD_NUMBER: _ClassVar[int]
    SPAWN_DEPTH_FIELD_NUMBER: _ClassVar[int]
    name: str
    status: AgentStatus
    employee_type: EmployeeType
    model_tier: str
    provider: str
    role: str
    skills: _containers.RepeatedScalarFieldContainer[str]
    system_prompt: str
    hired_by: str
    created_at: _timestamp_pb2.Timestamp
    last_heartbeat_at: _timestamp_pb2.Timestamp
    public_key: str
    xmtp_address: str
    cloned_from: str
    budget: int
    credits_used: int
    spawn_depth: int
    def __init__(self, name: _Optional[str] = ..., status: _Optional[_Union[AgentStatus, _Mapping]] = ..., employee_type: _Optional[_Union[EmployeeType, str]] = ..., model_tier: _Optional[str] = ..., provider: _Optional[str] = ..., role: _Optional[str] = ..., skills: _Optional[_Iterable[str]] = ..., system_prompt: _Optional[str] = ..., hired_by: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_heartbeat_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., public_key: _Optional[str] = ..., xmtp_address: _Optional[str] = ..., cloned_from: _Optional[str] = ..., budget: _Optional[int] = ..., credits_used: _Optional[int] = ..., spawn_depth: _Optional[int] = ...) -> None: ...

class AgentLogLine(_message.Message):
    __slots__ = ("time", "stream", "text")
    TIME_FIELD_NUMBER: _ClassVar[int]
    STREAM_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    time: _timestamp_pb2.Timestamp
    stream: LogStream
    text: str
    def __init__(self, time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., stream: _Optional[_Union[LogStream, str]] = ..., text: _Optional[str] = ...) -> None: ...

class AgentActivity(_message.Message):
    __slots__ = ("id", "time", "category", "type", "summary", "task_id", "details")
    ID_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    id: int
    time: _timestamp_pb2.Timestamp
    category: ActivityCategory
    type: str
    summary: str
    task_id: int
    details: _struct_pb2.Struct
    def __init__(self, id: _Optional[int] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., category: _Optional[_Union[ActivityCategory, str]] = ..., type: _Optional[str] = ..., summary: _Optional[str] = ..., task_id: _Optional[int] = ..., details: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class HireAgentRequest(_message.Message):
    __slots__ = ("office_id", "name", "model_tier", "provider", "role", "skills", "system_prompt", "budget")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    MODEL_TIER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    SYSTEM_PROMPT_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    name: str
    model_tier: str
    provider: str
    role: str
    skills: _containers.RepeatedScalarFieldContainer[str]
    system_prompt: str
    budget: int
    def __init__(self, office_id: _Optional[str] = ..., name: _Optional[str] = ..., model_tier: _Optional[str] = ..., provider: _Optional[str] = ..., role: _Optional[str] = ..., skills: _Optional[_Iterable[str]] = ..., system_prompt: _Optional[str] = ..., budget: _Optional[int] = ...) -> None: ...

class HireAgentResponse(_message.Message):
    __slots__ = ("agent",)
    AGENT_FIELD_NUMBER: _ClassVar[int]
    agent: Agent
    def __init__(self, agent: _Optional[_Union[Agent, _Mapping]] = ...) -> None: ...

class ListAgentsRequest(_message.Message):
    __slots__ = ("office_id", "page_size", "page_token")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    page_size: int
    page_token: str
    def __init__(self, office_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAgentsResponse(_message.Message):
    __slots__ = ("agents", "next_page_token")
    AGENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    agents: _containers.RepeatedCompositeFieldContainer[Agent]
    next_page_token: str
    def __init__(self, agents: _Optional[_Iterable[_Union[Agent, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetAgentRequest(_message.Message):
    __slots__ = ("office_id", "agent_name")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ...) -> None: ...

class GetAgentResponse(_message.Message):
    __slots__ = ("agent",)
    AGENT_FIELD_NUMBER: _ClassVar[int]
    agent: Agent
    def __init__(self, agent: _Optional[_Union[Agent, _Mapping]] = ...) -> None: ...

class UpdateAgentRequest(_message.Message):
    __slots__ = ("office_id", "agent_name", "role", "system_prompt", "add_skills", "remove_skills")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    SYSTEM_PROMPT_FIELD_NUMBER: _ClassVar[int]
    ADD_SKILLS_FIELD_NUMBER: _ClassVar[int]
    REMOVE_SKILLS_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    role: str
    system_prompt: str
    add_skills: _containers.RepeatedScalarFieldContainer[str]
    remove_skills: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., role: _Optional[str] = ..., system_prompt: _Optional[str] = ..., add_skills: _Optional[_Iterable[str]] = ..., remove_skills: _Optional[_Iterable[str]] = ...) -> None: ...

class UpdateAgentResponse(_message.Message):
    __slots__ = ("agent",)
    AGENT_FIELD_NUMBER: _ClassVar[int]
    agent: Agent
    def __init__(self, agent: _Optional[_Union[Agent, _Mapping]] = ...) -> None: ...

class FireAgentRequest(_message.Message):
    __slots__ = ("office_id", "agent_name")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ...) -> None: ...

class FireAgentResponse(_message.Message):
    __slots__ = ("agent", "workspace_backup")
    AGENT_FIELD_NUMBER: _ClassVar[int]
    WORKSPACE_BACKUP_FIELD_NUMBER: _ClassVar[int]
    agent: Agent
    workspace_backup: str
    def __init__(self, agent: _Optional[_Union[Agent, _Mapping]] = ..., workspace_backup: _Optional[str] = ...) -> None: ...

class ListAgentLogsRequest(_message.Message):
    __slots__ = ("office_id", "agent_name", "page_size", "page_token", "since")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    page_size: int
    page_token: str
    since: _timestamp_pb2.Timestamp
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListAgentLogsResponse(_message.Message):
    __slots__ = ("lines", "next_page_token")
    LINES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    lines: _containers.RepeatedCompositeFieldContainer[AgentLogLine]
    next_page_token: str
    def __init__(self, lines: _Optional[_Iterable[_Union[AgentLogLine, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class StreamAgentLogsRequest(_message.Message):
    __slots__ = ("office_id", "agent_name", "tail_lines", "since")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    TAIL_LINES_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    tail_lines: int
    since: _timestamp_pb2.Timestamp
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., tail_lines: _Optional[int] = ..., since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StreamAgentLogsResponse(_message.Message):
    __slots__ = ("line",)
    LINE_FIELD_NUMBER: _ClassVar[int]
    line: AgentLogLine
    def __init__(self, line: _Optional[_Union[AgentLogLine, _Mapping]] = ...) -> None: ...

class ListAgentActivityRequest(_message.Message):
    __slots__ = ("office_id", "agent_name", "page_size", "page_token", "categories", "since")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    page_size: int
    page_token: str
    categories: _containers.RepeatedScalarFieldContainer[ActivityCategory]
    since: _timestamp_pb2.Timestamp
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., categories: _Optional[_Iterable[_Union[ActivityCategory, str]]] = ..., since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListAgentActivityResponse(_message.Message):
    __slots__ = ("activities", "next_page_token")
    ACTIVITIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    activities: _containers.RepeatedCompositeFieldContainer[AgentActivity]
    next_page_token: str
    def __init__(self, activities: _Optional[_Iterable[_Union[AgentActivity, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PromoteAgentRequest(_message.Message):
    __slots__ = ("office_id", "agent_name", "model_tier", "provider")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    MODEL_TIER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    model_tier: str
    provider: str
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., model_tier: _Optional[str] = ..., provider: _Optional[str] = ...) -> None: ...

class PromoteAgentResponse(_message.Message):
    __slots__ = ("agent",)
    AGENT_FIELD_NUMBER: _ClassVar[int]
    agent: Agent
    def __init__(self, agent: _Optional[_Union[Agent, _Mapping]] = ...) -> None: ...
