import datetime

from buf.validate import validate_pb2 as _validate_pb2
from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mitosis.v1 import file_pb2 as _file_pb2
from mitosis.v1 import chat_pb2 as _chat_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TaskStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TASK_STATUS_UNSPECIFIED: _ClassVar[TaskStatus]
    TASK_STATUS_QUEUED: _ClassVar[TaskStatus]
    TASK_STATUS_CLAIMED: _ClassVar[TaskStatus]
    TASK_STATUS_RUNNING: _ClassVar[TaskStatus]
    TASK_STATUS_BLOCKED: _ClassVar[TaskStatus]
    TASK_STATUS_DONE: _ClassVar[TaskStatus]
    TASK_STATUS_FAILED: _ClassVar[TaskStatus]
    TASK_STATUS_CANCELLED: _ClassVar[TaskStatus]

class TaskKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TASK_KIND_UNSPECIFIED: _ClassVar[TaskKind]
    TASK_KIND_GENERAL: _ClassVar[TaskKind]
    TASK_KIND_CODE: _ClassVar[TaskKind]
    TASK_KIND_RESEARCH: _ClassVar[TaskKind]
    TASK_KIND_BROWSER: _ClassVar[TaskKind]
    TASK_KIND_REVIEW: _ClassVar[TaskKind]
    TASK_KIND_VERIFY: _ClassVar[TaskKind]

class ArtifactKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ARTIFACT_KIND_UNSPECIFIED: _ClassVar[ArtifactKind]
    ARTIFACT_KIND_FILE: _ClassVar[ArtifactKind]
    ARTIFACT_KIND_BRANCH: _ClassVar[ArtifactKind]
    ARTIFACT_KIND_REPORT: _ClassVar[ArtifactKind]

class TaskEventType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TASK_EVENT_TYPE_UNSPECIFIED: _ClassVar[TaskEventType]
    TASK_EVENT_TYPE_CREATED: _ClassVar[TaskEventType]
    TASK_EVENT_TYPE_UPDATED: _ClassVar[TaskEventType]
    TASK_EVENT_TYPE_STATUS_CHANGED: _ClassVar[TaskEventType]
    TASK_EVENT_TYPE_ASSIGNED: _ClassVar[TaskEventType]
    TASK_EVENT_TYPE_CLAIMED: _ClassVar[TaskEventType]
    TASK_EVENT_TYPE_PROGRESS: _ClassVar[TaskEventType]
    TASK_EVENT_TYPE_COMMENTED: _ClassVar[TaskEventType]
    TASK_EVENT_TYPE_ARTIFACT_ADDED: _ClassVar[TaskEventType]
    TASK_EVENT_TYPE_VERIFIED: _ClassVar[TaskEventType]
    TASK_EVENT_TYPE_RETRIED: _ClassVar[TaskEventType]
    TASK_EVENT_TYPE_LEASE_EXPIRED: _ClassVar[TaskEventType]
TASK_STATUS_UNSPECIFIED: TaskStatus
TASK_STATUS_QUEUED: TaskStatus
TASK_STATUS_CLAIMED: TaskStatus
TASK_STATUS_RUNNING: TaskStatus
TASK_STATUS_BLOCKED: TaskStatus
TASK_STATUS_DONE: TaskStatus
TASK_STATUS_FAILED: TaskStatus
TASK_STATUS_CANCELLED: TaskStatus
TASK_KIND_UNSPECIFIED: TaskKind
TASK_KIND_GENERAL: TaskKind
TASK_KIND_CODE: TaskKind
TASK_KIND_RESEARCH: TaskKind
TASK_KIND_BROWSER: TaskKind
TASK_KIND_REVIEW: TaskKind
TASK_KIND_VERIFY: TaskKind
ARTIFACT_KIND_UNSPECIFIED: ArtifactKind
ARTIFACT_KIND_FILE: ArtifactKind
ARTIFACT_KIND_BRANCH: ArtifactKind
ARTIFACT_KIND_REPORT: ArtifactKind
TASK_EVENT_TYPE_UNSPECIFIED: TaskEventType
TASK_EVENT_TYPE_CREATED: TaskEventType
TASK_EVENT_TYPE_UPDATED: TaskEventType
TASK_EVENT_TYPE_STATUS_CHANGED: TaskEventType
TASK_EVENT_TYPE_ASSIGNED: TaskEventType
TASK_EVENT_TYPE_CLAIMED: TaskEventType
TASK_EVENT_TYPE_PROGRESS: TaskEventType
TASK_EVENT_TYPE_COMMENTED: TaskEventType
TASK_EVENT_TYPE_ARTIFACT_ADDED: TaskEventType
TASK_EVENT_TYPE_VERIFIED: TaskEventType
TASK_EVENT_TYPE_RETRIED: TaskEventType
TASK_EVENT_TYPE_LEASE_EXPIRED: TaskEventType

class TaskLease(_message.Message):
    __slots__ = ("owner", "claimed_at", "expires_at")
    OWNER_FIELD_NUMBER: _ClassVar[int]
    CLAIMED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    owner: str
    claimed_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, owner: _Optional[str] = ..., claimed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TaskVerification(_message.Message):
    __slots__ = ("accepted", "reviewer", "comments", "verified_at")
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    REVIEWER_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_AT_FIELD_NUMBER: _ClassVar[int]
    accepted: bool
    reviewer: str
    comments: str
    verified_at: _timestamp_pb2.Timestamp
    def __init__(self, accepted: _Optional[bool] = ..., reviewer: _Optional[str] = ..., comments: _Optional[str] = ..., verified_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Task(_message.Message):
    __slots__ = ("id", "parent_id", "title", "description", "status", "kind", "priority", "assigned_agent", "created_by", "depends_on", "pending_dependency_count", "result_summary", "result", "error", "required_tools", "subtask_count", "retry_count", "attempt", "lease", "verification", "created_at", "updated_at", "started_at", "completed_at", "done_subtask_count", "interruptions")
    ID_FIELD_NUMBER: _ClassVar[int]
    PARENT_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_AGENT_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    DEPENDS_ON_FIELD_NUMBER: _ClassVar[int]
    PENDING_DEPENDENCY_COUNT_FIELD_NUMBER: _ClassVar[int]
    RESULT_SUMMARY_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_TOOLS_FIELD_NUMBER: _ClassVar[int]
    SUBTASK_COUNT_FIELD_NUMBER: _ClassVar[int]
    RETRY_COUNT_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    LEASE_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    DONE_SUBTASK_COUNT_FIELD_NUMBER: _ClassVar[int]
    INTERRUPTIONS_FIELD_NUMBER: _ClassVar[int]
    id: int
    parent_id: int
    title: str
    description: str
    status: TaskStatus
    kind: TaskKind
    priority: int
    assigned_agent: str
    created_by: str
    depends_on: _containers.RepeatedScalarFieldContainer[int]
    pending_dependency_count: int
    result_summary: str
    result: str
    error: str
    required_tools: _containers.RepeatedScalarFieldContainer[str]
    subtask_count: int
    retry_count: int
    attempt: int
    lease: TaskLease
    verification: TaskVerification
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    started_at: _timestamp_pb2.Timestamp
    completed_at: _timestamp_pb2.Timestamp
    done_subtask_count: int
    interruptions: int
    def __init__(self, id: _Optional[int] = ..., parent_id: _Optional[int] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., status: _Optional[_Union[TaskStatus, str]] = ..., kind: _Optional[_Union[TaskKind, str]] = ..., priority: _Optional[int] = ..., assigned_agent: _Optional[str] = ..., created_by: _Optional[str] = ..., depends_on: _Optional[_Iterable[int]] = ..., pending_dependency_count: _Optional[int] = ..., result_summary: _Optional[str] = ..., result: _Optional[str] = ..., error: _Optional[str] = ..., required_tools: _Optional[_Iterable[str]] = ..., subtask_count: _Optional[int] = ..., retry_count: _Optional[int] = ..., attempt: _Optional[int] = ..., lease: _Optional[_Union[TaskLease, _Mapping]] = ..., verification: _Optional[_Union[TaskVerification, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., completed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., done_subtask_count: _Optional[int] = ..., interruptions: _Optional[int] = ...) -> None: ...

class TaskLogEntry(_message.Message):
    __slots__ = ("id", "type", "actor", "message", "created_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: int
    type: TaskEventType
    actor: str
    message: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[int] = ..., type: _Optional[_Union[TaskEventType, str]] = ..., actor: _Optional[str] = ..., message: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TaskComment(_message.Message):
    __slots__ = ("id", "author", "message", "created_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: int
    author: str
    message: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[int] = ..., author: _Optional[str] = ..., message: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TaskArtifact(_message.Message):
    __slots__ = ("id", "kind", "path", "label", "created_by", "created_at", "file")
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    id: int
    kind: ArtifactKind
    path: str
    label: str
    created_by: str
    created_at: _timestamp_pb2.Timestamp
    file: _file_pb2.FileInfo
    def __init__(self, id: _Optional[int] = ..., kind: _Optional[_Union[ArtifactKind, str]] = ..., path: _Optional[str] = ..., label: _Optional[str] = ..., created_by: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., file: _Optional[_Union[_file_pb2.FileInfo, _Mapping]] = ...) -> None: ...

class TaskStats(_message.Message):
    __slots__ = ("queued", "claimed", "running", "blocked", "done", "failed", "cancelled", "total")
    QUEUED_FIELD_NUMBER: _ClassVar[int]
    CLAIMED_FIELD_NUMBER: _ClassVar[int]
    RUNNING_FIELD_NUMBER: _ClassVar[int]
    BLOCKED_FIELD_NUMBER: _ClassVar[int]
    DONE_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    queued: int
    claimed: int
    running: int
    blocked: int
    done: int
    failed: int
    cancelled: int
    total: int
    def __init__(self, queued: _Optional[int] = ..., claimed: _Optional[int] = ..., running: _Optional[int] = ..., blocked: _Optional[int] = ..., done: _Optional[int] = ..., failed: _Optional[int] = ..., cancelled: _Optional[int] = ..., total: _Optional[int] = ...) -> None: ...

class TaskEvent(_message.Message):
    __slots__ = ("id", "type", "task_id", "task", "actor", "message", "created_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: int
    type: TaskEventType
    task_id: int
    task: Task
    actor: str
    message: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[int] = ..., type: _Optional[_Union[TaskEventType, str]] = ..., task_id: _Optional[int] = ..., task: _Optional[_Union[Task, _Mapping]] = ..., actor: _Optional[str] = ..., message: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateTaskRequest(_message.Message):
    __slots__ = ("office_id", "title", "description", "kind", "priority", "assigned_agent", "parent_id", "depends_on", "required_tools")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_AGENT_FIELD_NUMBER: _ClassVar[int]
    PARENT_ID_FIELD_NUMBER: _ClassVar[int]
    DEPENDS_ON_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_TOOLS_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    title: str
    description: str
    kind: TaskKind
    priority: int
    assigned_agent: str
    parent_id: int
    depends_on: _containers.RepeatedScalarFieldContainer[int]
    required_tools: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, office_id: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., kind: _Optional[_Union[TaskKind, str]] = ..., priority: _Optional[int] = ..., assigned_agent: _Optional[str] = ..., parent_id: _Optional[int] = ..., depends_on: _Optional[_Iterable[int]] = ..., required_tools: _Optional[_Iterable[str]] = ...) -> None: ...

class CreateTaskResponse(_message.Message):
    __slots__ = ("task",)
    TASK_FIELD_NUMBER: _ClassVar[int]
    task: Task
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ...) -> None: ...

class ListTasksRequest(_message.Message):
    __slots__ = ("office_id", "statuses", "assigned_agent", "kind", "parent_id", "updated_since", "page_size", "page_token")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_AGENT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PARENT_ID_FIELD_NUMBER: _ClassVar[int]
    UPDATED_SINCE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    statuses: _containers.RepeatedScalarFieldContainer[TaskStatus]
    assigned_agent: str
    kind: TaskKind
    parent_id: int
    updated_since: _timestamp_pb2.Timestamp
    page_size: int
    page_token: str
    def __init__(self, office_id: _Optional[str] = ..., statuses: _Optional[_Iterable[_Union[TaskStatus, str]]] = ..., assigned_agent: _Optional[str] = ..., kind: _Optional[_Union[TaskKind, str]] = ..., parent_id: _Optional[int] = ..., updated_since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTasksResponse(_message.Message):
    __slots__ = ("tasks", "next_page_token")
    TASKS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tasks: _containers.RepeatedCompositeFieldContainer[Task]
    next_page_token: str
    def __init__(self, tasks: _Optional[_Iterable[_Union[Task, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetTaskRequest(_message.Message):
    __slots__ = ("office_id", "task_id")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    task_id: int
    def __init__(self, office_id: _Optional[str] = ..., task_id: _Optional[int] = ...) -> None: ...

class GetTaskResponse(_message.Message):
    __slots__ = ("task", "logs", "comments", "subtasks", "artifacts", "linked_messages")
    TASK_FIELD_NUMBER: _ClassVar[int]
    LOGS_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    SUBTASKS_FIELD_NUMBER: _ClassVar[int]
    ARTIFACTS_FIELD_NUMBER: _ClassVar[int]
    LINKED_MESSAGES_FIELD_NUMBER: _ClassVar[int]
    task: Task
    logs: _containers.RepeatedCompositeFieldContainer[TaskLogEntry]
    comments: _containers.RepeatedCompositeFieldContainer[TaskComment]
    subtasks: _containers.RepeatedCompositeFieldContainer[Task]
    artifacts: _containers.RepeatedCompositeFieldContainer[TaskArtifact]
    linked_messages: _containers.RepeatedCompositeFieldContainer[_chat_pb2.ChatMessage]
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ..., logs: _Optional[_Iterable[_Union[TaskLogEntry, _Mapping]]] = ..., comments: _Optional[_Iterable[_Union[TaskComment, _Mapping]]] = ..., subtasks: _Optional[_Iterable[_Union[Task, _Mapping]]] = ..., artifacts: _Optional[_Iterable[_Union[TaskArtifact, _Mapping]]] = ..., linked_messages: _Optional[_Iterable[_Union[_chat_pb2.ChatMessage, _Mapping]]] = ...) -> None: ...

class UpdateTaskRequest(_message.Message):
    __slots__ = ("office_id", "task_id", "status", "result", "result_summary", "error", "progress", "agent", "assigned_agent", "lease_token", "title", "description", "priority", "interrupted")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    RESULT_SUMMARY_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    AGENT_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_AGENT_FIELD_NUMBER: _ClassVar[int]
    LEASE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    INTERRUPTED_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    task_id: int
    status: TaskStatus
    result: str
    result_summary: str
    error: str
    progress: str
    agent: str
    assigned_agent: str
    lease_token: str
    title: str
    description: str
    priority: int
    interrupted: bool
    def __init__(self, office_id: _Optional[str] = ..., task_id: _Optional[int] = ..., status: _Optional[_Union[TaskStatus, str]] = ..., result: _Optional[str] = ..., result_summary: _Optional[str] = ..., error: _Optional[str] = ..., progress: _Optional[str] = ..., agent: _Optional[str] = ..., assigned_agent: _Optional[str] = ..., lease_token: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., priority: _Optional[int] = ..., interrupted: _Optional[bool] = ...) -> None: ...

class UpdateTaskResponse(_message.Message):
    __slots__ = ("task",)
    TASK_FIELD_NUMBER: _ClassVar[int]
    task: Task
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ...) -> None: ...

class ClaimTaskRequest(_message.Message):
    __slots__ = ("office_id", "agent", "kind", "lease_duration", "tools")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LEASE_DURATION_FIELD_NUMBER: _ClassVar[int]
    TOOLS_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent: str
    kind: TaskKind
    lease_duration: _duration_pb2.Duration
    tools: ClaimTools
    def __init__(self, office_id: _Optional[str] = ..., agent: _Optional[str] = ..., kind: _Optional[_Union[TaskKind, str]] = ..., lease_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., tools: _Optional[_Union[ClaimTools, _Mapping]] = ...) -> None: ...

class ClaimTools(_message.Message):
    __slots__ = ("names",)
    NAMES_FIELD_NUMBER: _ClassVar[int]
    names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, names: _Optional[_Iterable[str]] = ...) -> None: ...

class ClaimTaskResponse(_message.Message):
    __slots__ = ("task", "lease_token", "lease_expires_at", "next_available_at")
    TASK_FIELD_NUMBER: _ClassVar[int]
    LEASE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    LEASE_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    NEXT_AVAILABLE_AT_FIELD_NUMBER: _ClassVar[int]
    task: Task
    lease_token: str
    lease_expires_at: _timestamp_pb2.Timestamp
    next_available_at: _timestamp_pb2.Timestamp
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ..., lease_token: _Optional[str] = ..., lease_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., next_available_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RenewTaskLeaseRequest(_message.Message):
    __slots__ = ("office_id", "task_id", "lease_token", "lease_duration")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    LEASE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    LEASE_DURATION_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    task_id: int
    lease_token: str
    lease_duration: _duration_pb2.Duration
    def __init__(self, office_id: _Optional[str] = ..., task_id: _Optional[int] = ..., lease_token: _Optional[str] = ..., lease_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class RenewTaskLeaseResponse(_message.Message):
    __slots__ = ("lease_expires_at", "status")
    LEASE_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    lease_expires_at: _timestamp_pb2.Timestamp
    status: TaskStatus
    def __init__(self, lease_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., status: _Optional[_Union[TaskStatus, str]] = ...) -> None: ...

class ListSubtasksRequest(_message.Message):
    __slots__ = ("office_id", "task_id", "page_size", "page_token")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    task_id: int
    page_size: int
    page_token: str
    def __init__(self, office_id: _Optional[str] = ..., task_id: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListSubtasksResponse(_message.Message):
    __slots__ = ("subtasks", "next_page_token")
    SUBTASKS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    subtasks: _containers.RepeatedCompositeFieldContainer[Task]
    next_page_token: str
    def __init__(self, subtasks: _Optional[_Iterable[_Union[Task, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AddTaskArtifactRequest(_message.Message):
    __slots__ = ("office_id", "task_id", "kind", "path", "label", "agent")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    AGENT_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    task_id: int
    kind: ArtifactKind
    path: str
    label: str
    agent: str
    def __init__(self, office_id: _Optional[str] = ..., task_id: _Optional[int] = ..., kind: _Optional[_Union[ArtifactKind, str]] = ..., path: _Optional[str] = ..., label: _Optional[str] = ..., agent: _Optional[str] = ...) -> None: ...

class AddTaskArtifactResponse(_message.Message):
    __slots__ = ("artifact",)
    ARTIFACT_FIELD_NUMBER: _ClassVar[int]
    artifact: TaskArtifact
    def __init__(self, artifact: _Optional[_Union[TaskArtifact, _Mapping]] = ...) -> None: ...

class ListTaskArtifactsRequest(_message.Message):
    __slots__ = ("office_id", "task_id", "page_size", "page_token")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    task_id: int
    page_size: int
    page_token: str
    def __init__(self, office_id: _Optional[str] = ..., task_id: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTaskArtifactsResponse(_message.Message):
    __slots__ = ("artifacts", "next_page_token")
    ARTIFACTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    artifacts: _containers.RepeatedCompositeFieldContainer[TaskArtifact]
    next_page_token: str
    def __init__(self, artifacts: _Optional[_Iterable[_Union[TaskArtifact, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AddTaskCommentRequest(_message.Message):
    __slots__ = ("office_id", "task_id", "agent", "message")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    task_id: int
    agent: str
    message: str
    def __init__(self, office_id: _Optional[str] = ..., task_id: _Optional[int] = ..., agent: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class AddTaskCommentResponse(_message.Message):
    __slots__ = ("comment",)
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    comment: TaskComment
    def __init__(self, comment: _Optional[_Union[TaskComment, _Mapping]] = ...) -> None: ...

class ListTaskCommentsRequest(_message.Message):
    __slots__ = ("office_id", "task_id", "page_size", "page_token")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    task_id: int
    page_size: int
    page_token: str
    def __init__(self, office_id: _Optional[str] = ..., task_id: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTaskCommentsResponse(_message.Message):
    __slots__ = ("comments", "next_page_token")
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    comments: _containers.RepeatedCompositeFieldContainer[TaskComment]
    next_page_token: str
    def __init__(self, comments: _Optional[_Iterable[_Union[TaskComment, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class VerifyTaskRequest(_message.Message):
    __slots__ = ("office_id", "task_id", "accepted", "reviewer", "comments")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    REVIEWER_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    task_id: int
    accepted: bool
    reviewer: str
    comments: str
    def __init__(self, office_id: _Optional[str] = ..., task_id: _Optional[int] = ..., accepted: _Optional[bool] = ..., reviewer: _Optional[str] = ..., comments: _Optional[str] = ...) -> None: ...

class VerifyTaskResponse(_message.Message):
    __slots__ = ("task",)
    TASK_FIELD_NUMBER: _ClassVar[int]
    task: Task
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ...) -> None: ...

class RetryTaskRequest(_message.Message):
    __slots__ = ("office_id", "task_id", "reason", "updated_description", "assigned_agent")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    UPDATED_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_AGENT_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    task_id: int
    reason: str
    updated_description: str
    assigned_agent: str
    def __init__(self, office_id: _Optional[str] = ..., task_id: _Optional[int] = ..., reason: _Optional[str] = ..., updated_description: _Optional[str] = ..., assigned_agent: _Optional[str] = ...) -> None: ...

class RetryTaskResponse(_message.Message):
    __slots__ = ("task",)
    TASK_FIELD_NUMBER: _ClassVar[int]
    task: Task
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ...) -> None: ...

class GetTaskStatsRequest(_message.Message):
    __slots__ = ("office_id",)
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    def __init__(self, office_id: _Optional[str] = ...) -> None: ...

class GetTaskStatsResponse(_message.Message):
    __slots__ = ("stats",)
    STATS_FIELD_NUMBER: _ClassVar[int]
    stats: TaskStats
    def __init__(self, stats: _Optional[_Union[TaskStats, _Mapping]] = ...) -> None: ...

class ListTaskEventsRequest(_message.Message):
    __slots__ = ("office_id", "since_id", "statuses", "assigned_agent", "page_size")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    SINCE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_AGENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    since_id: int
    statuses: _containers.RepeatedScalarFieldContainer[TaskStatus]
    assigned_agent: str
    page_size: int
    def __init__(self, office_id: _Optional[str] = ..., since_id: _Optional[int] = ..., statuses: _Optional[_Iterable[_Union[TaskStatus, str]]] = ..., assigned_agent: _Optional[str] = ..., page_size: _Optional[int] = ...) -> None: ...

class ListTaskEventsResponse(_message.Message):
    __slots__ = ("events", "next_since_id", "has_more")
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_SINCE_ID_FIELD_NUMBER: _ClassVar[int]
    HAS_MORE_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[TaskEvent]
    next_since_id: int
    has_more: bool
    def __init__(self, events: _Optional[_Iterable[_Union[TaskEvent, _Mapping]]] = ..., next_since_id: _Optional[int] = ..., has_more: _Optional[bool] = ...) -> None: ...

class WatchTasksRequest(_message.Message):
    __slots__ = ("office_id", "statuses", "assigned_agent", "since_id")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_AGENT_FIELD_NUMBER: _ClassVar[int]
    SINCE_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    statuses: _containers.RepeatedScalarFieldContainer[TaskStatus]
    assigned_agent: str
    since_id: int
    def __init__(self, office_id: _Optional[str] = ..., statuses: _Optional[_Iterable[_Union[TaskStatus, str]]] = ..., assigned_agent: _Optional[str] = ..., since_id: _Optional[int] = ...) -> None: ...

class WatchTasksResponse(_message.Message):
    __slots__ = ("event", "since_id")
    EVENT_FIELD_NUMBER: _ClassVar[int]
    SINCE_ID_FIELD_NUMBER: _ClassVar[int]
    event: TaskEvent
    since_id: int
    def __init__(self, event: _Optional[_Union[TaskEvent, _Mapping]] = ..., since_id: _Optional[int] = ...) -> None: ...
