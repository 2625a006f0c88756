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

class IntegrationCategory(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INTEGRATION_CATEGORY_UNSPECIFIED: _ClassVar[IntegrationCategory]
    INTEGRATION_CATEGORY_SOURCE_CONTROL: _ClassVar[IntegrationCategory]
    INTEGRATION_CATEGORY_PRODUCTIVITY: _ClassVar[IntegrationCategory]
    INTEGRATION_CATEGORY_MESSAGING: _ClassVar[IntegrationCategory]
    INTEGRATION_CATEGORY_CODING_AGENT: _ClassVar[IntegrationCategory]
    INTEGRATION_CATEGORY_LLM: _ClassVar[IntegrationCategory]
    INTEGRATION_CATEGORY_VOICE: _ClassVar[IntegrationCategory]
    INTEGRATION_CATEGORY_NETWORKING: _ClassVar[IntegrationCategory]
    INTEGRATION_CATEGORY_BROWSER: _ClassVar[IntegrationCategory]
    INTEGRATION_CATEGORY_WEB_DATA: _ClassVar[IntegrationCategory]
    INTEGRATION_CATEGORY_PROJECT_MANAGEMENT: _ClassVar[IntegrationCategory]
    INTEGRATION_CATEGORY_INFRASTRUCTURE: _ClassVar[IntegrationCategory]

class IntegrationRequestStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INTEGRATION_REQUEST_STATUS_UNSPECIFIED: _ClassVar[IntegrationRequestStatus]
    INTEGRATION_REQUEST_STATUS_PENDING: _ClassVar[IntegrationRequestStatus]
    INTEGRATION_REQUEST_STATUS_FULFILLED: _ClassVar[IntegrationRequestStatus]
    INTEGRATION_REQUEST_STATUS_REJECTED: _ClassVar[IntegrationRequestStatus]
INTEGRATION_CATEGORY_UNSPECIFIED: IntegrationCategory
INTEGRATION_CATEGORY_SOURCE_CONTROL: IntegrationCategory
INTEGRATION_CATEGORY_PRODUCTIVITY: IntegrationCategory
INTEGRATION_CATEGORY_MESSAGING: IntegrationCategory
INTEGRATION_CATEGORY_CODING_AGENT: IntegrationCategory
INTEGRATION_CATEGORY_LLM: IntegrationCategory
INTEGRATION_CATEGORY_VOICE: IntegrationCategory
INTEGRATION_CATEGORY_NETWORKING: IntegrationCategory
INTEGRATION_CATEGORY_BROWSER: IntegrationCategory
INTEGRATION_CATEGORY_WEB_DATA: IntegrationCategory
INTEGRATION_CATEGORY_PROJECT_MANAGEMENT: IntegrationCategory
INTEGRATION_CATEGORY_INFRASTRUCTURE: IntegrationCategory
INTEGRATION_REQUEST_STATUS_UNSPECIFIED: IntegrationRequestStatus
INTEGRATION_REQUEST_STATUS_PENDING: IntegrationRequestStatus
INTEGRATION_REQUEST_STATUS_FULFILLED: IntegrationRequestStatus
INTEGRATION_REQUEST_STATUS_REJECTED: IntegrationRequestStatus

class IntegrationSecretField(_message.Message):
    __slots__ = ("key", "description", "required")
    KEY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    key: str
    description: str
    required: bool
    def __init__(self, key: _Optional[str] = ..., description: _Optional[str] = ..., required: _Optional[bool] = ...) -> None: ...

class Integration(_message.Message):
    __slots__ = ("id", "name", "description", "category", "capabilities", "llm_provider", "secret_fields", "env_vars")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    LLM_PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SECRET_FIELDS_FIELD_NUMBER: _ClassVar[int]
    ENV_VARS_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    description: str
    category: IntegrationCategory
    capabilities: _containers.RepeatedScalarFieldContainer[str]
    llm_provider: bool
    secret_fields: _containers.RepeatedCompositeFieldContainer[IntegrationSecretField]
    env_vars: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., category: _Optional[_Union[IntegrationCategory, str]] = ..., capabilities: _Optional[_Iterable[str]] = ..., llm_provider: _Optional[bool] = ..., secret_fields: _Optional[_Iterable[_Union[IntegrationSecretField, _Mapping]]] = ..., env_vars: _Optional[_Iterable[str]] = ...) -> None: ...

class OfficeIntegration(_message.Message):
    __slots__ = ("integration", "configured", "configured_at", "enabled_agents", "pending_request_count")
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    CONFIGURED_FIELD_NUMBER: _ClassVar[int]
    CONFIGURED_AT_FIELD_NUMBER: _ClassVar[int]
    ENABLED_AGENTS_FIELD_NUMBER: _ClassVar[int]
    PENDING_REQUEST_COUNT_FIELD_NUMBER: _ClassVar[int]
    integration: Integration
    configured: bool
    configured_at: _timestamp_pb2.Timestamp
    enabled_agents: _containers.RepeatedScalarFieldContainer[str]
    pending_request_count: int
    def __init__(self, integration: _Optional[_Union[Integration, _Mapping]] = ..., configured: _Optional[bool] = ..., configured_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., enabled_agents: _Optional[_Iterable[str]] = ..., pending_request_count: _Optional[int] = ...) -> None: ...

class AgentIntegration(_message.Message):
    __slots__ = ("integration", "configured", "enabled_at")
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    CONFIGURED_FIELD_NUMBER: _ClassVar[int]
    ENABLED_AT_FIELD_NUMBER: _ClassVar[int]
    integration: Integration
    configured: bool
    enabled_at: _timestamp_pb2.Timestamp
    def __init__(self, integration: _Optional[_Union[Integration, _Mapping]] = ..., configured: _Optional[bool] = ..., enabled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Model(_message.Message):
    __slots__ = ("id", "provider", "display_name", "model_tier", "available", "context_window_tokens")
    ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    MODEL_TIER_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_WINDOW_TOKENS_FIELD_NUMBER: _ClassVar[int]
    id: str
    provider: str
    display_name: str
    model_tier: str
    available: bool
    context_window_tokens: int
    def __init__(self, id: _Optional[str] = ..., provider: _Optional[str] = ..., display_name: _Optional[str] = ..., model_tier: _Optional[str] = ..., available: _Optional[bool] = ..., context_window_tokens: _Optional[int] = ...) -> None: ...

class IntegrationRequest(_message.Message):
    __slots__ = ("id", "integration_id", "agent_name", "reason", "status", "created_at", "resolved_at", "resolution_note")
    ID_FIELD_NUMBER: _ClassVar[int]
    INTEGRATION_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_AT_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_NOTE_FIELD_NUMBER: _ClassVar[int]
    id: str
    integration_id: str
    agent_name: str
    reason: str
    status: IntegrationRequestStatus
    created_at: _timestamp_pb2.Timestamp
    resolved_at: _timestamp_pb2.Timestamp
    resolution_note: str
    def __init__(self, id: _Optional[str] = ..., integration_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., reason: _Optional[str] = ..., status: _Optional[_Union[IntegrationRequestStatus, str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolved_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolution_note: _Optional[str] = ...) -> None: ...

class ListIntegrationCatalogRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListIntegrationCatalogResponse(_message.Message):
    __slots__ = ("integrations",)
    INTEGRATIONS_FIELD_NUMBER: _ClassVar[int]
    integrations: _containers.RepeatedCompositeFieldContainer[Integration]
    def __init__(self, integrations: _Optional[_Iterable[_Union[Integration, _Mapping]]] = ...) -> None: ...

class ListOfficeIntegrationsRequest(_message.Message):
    __slots__ = ("office_id",)
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    def __init__(self, office_id: _Optional[str] = ...) -> None: ...

class ListOfficeIntegrationsResponse(_message.Message):
    __slots__ = ("integrations",)
    INTEGRATIONS_FIELD_NUMBER: _ClassVar[int]
    integrations: _containers.RepeatedCompositeFieldContainer[OfficeIntegration]
    def __init__(self, integrations: _Optional[_Iterable[_Union[OfficeIntegration, _Mapping]]] = ...) -> None: ...

class ListModelsRequest(_message.Message):
    __slots__ = ("office_id", "provider")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    provider: str
    def __init__(self, office_id: _Optional[str] = ..., provider: _Optional[str] = ...) -> None: ...

class ListModelsResponse(_message.Message):
    __slots__ = ("models",)
    MODELS_FIELD_NUMBER: _ClassVar[int]
    models: _containers.RepeatedCompositeFieldContainer[Model]
    def __init__(self, models: _Optional[_Iterable[_Union[Model, _Mapping]]] = ...) -> None: ...

class ListAgentIntegrationsRequest(_message.Message):
    __slots__ = ("office_id", "agent_name")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ...) -> None: ...

class ListAgentIntegrationsResponse(_message.Message):
    __slots__ = ("integrations",)
    INTEGRATIONS_FIELD_NUMBER: _ClassVar[int]
    integrations: _containers.RepeatedCompositeFieldContainer[AgentIntegration]
    def __init__(self, integrations: _Optional[_Iterable[_Union[AgentIntegration, _Mapping]]] = ...) -> None: ...

class SetIntegrationSecretRequest(_message.Message):
    __slots__ = ("office_id", "integration_id", "data")
    class DataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    INTEGRATION_ID_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    integration_id: str
    data: _containers.ScalarMap[str, str]
    def __init__(self, office_id: _Optional[str] = ..., integration_id: _Optional[str] = ..., data: _Optional[_Mapping[str, str]] = ...) -> None: ...

class SetIntegrationSecretResponse(_message.Message):
    __slots__ = ("integration", "auto_enabled_agents")
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    AUTO_ENABLED_AGENTS_FIELD_NUMBER: _ClassVar[int]
    integration: OfficeIntegration
    auto_enabled_agents: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, integration: _Optional[_Union[OfficeIntegration, _Mapping]] = ..., auto_enabled_agents: _Optional[_Iterable[str]] = ...) -> None: ...

class DeleteIntegrationSecretRequest(_message.Message):
    __slots__ = ("office_id", "integration_id")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    INTEGRATION_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    integration_id: str
    def __init__(self, office_id: _Optional[str] = ..., integration_id: _Optional[str] = ...) -> None: ...

class DeleteIntegrationSecretResponse(_message.Message):
    __slots__ = ("integration",)
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    integration: OfficeIntegration
    def __init__(self, integration: _Optional[_Union[OfficeIntegration, _Mapping]] = ...) -> None: ...

class ToggleAgentIntegrationRequest(_message.Message):
    __slots__ = ("office_id", "integration_id", "agent_name", "enabled")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    INTEGRATION_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    integration_id: str
    agent_name: str
    enabled: bool
    def __init__(self, office_id: _Optional[str] = ..., integration_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., enabled: _Optional[bool] = ...) -> None: ...

class ToggleAgentIntegrationResponse(_message.Message):
    __slots__ = ("integration",)
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    integration: OfficeIntegration
    def __init__(self, integration: _Optional[_Union[OfficeIntegration, _Mapping]] = ...) -> None: ...

class ProxyIntegrationRequest(_message.Message):
    __slots__ = ("office_id", "integration_id", "agent_name", "method", "path", "headers", "body")
    class HeadersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    INTEGRATION_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    integration_id: str
    agent_name: str
    method: str
    path: str
    headers: _containers.ScalarMap[str, str]
    body: bytes
    def __init__(self, office_id: _Optional[str] = ..., integration_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., method: _Optional[str] = ..., path: _Optional[str] = ..., headers: _Optional[_Mapping[str, str]] = ..., body: _Optional[bytes] = ...) -> None: ...

class ProxyIntegrationResponse(_message.Message):
    __slots__ = ("status", "headers", "body")
    class HeadersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    STATUS_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    status: int
    headers: _containers.ScalarMap[str, str]
    body: bytes
    def __init__(self, status: _Optional[int] = ..., headers: _Optional[_Mapping[str, str]] = ..., body: _Optional[bytes] = ...) -> None: ...

class GetIntegrationCredentialsRequest(_message.Message):
    __slots__ = ("office_id", "integration_id", "agent_name")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    INTEGRATION_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    integration_id: str
    agent_name: str
    def __init__(self, office_id: _Optional[str] = ..., integration_id: _Optional[str] = ..., agent_name: _Optional[str] = ...) -> None: ...

class GetIntegrationCredentialsResponse(_message.Message):
    __slots__ = ("data", "expires_at")
    class DataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DATA_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    data: _containers.ScalarMap[str, str]
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, data: _Optional[_Mapping[str, str]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateIntegrationRequestRequest(_message.Message):
    __slots__ = ("office_id", "integration_id", "agent_name", "reason")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    INTEGRATION_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    integration_id: str
    agent_name: str
    reason: str
    def __init__(self, office_id: _Optional[str] = ..., integration_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CreateIntegrationRequestResponse(_message.Message):
    __slots__ = ("request",)
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    request: IntegrationRequest
    def __init__(self, request: _Optional[_Union[IntegrationRequest, _Mapping]] = ...) -> None: ...

class ListIntegrationRequestsRequest(_message.Message):
    __slots__ = ("office_id", "status", "page_size", "page_token")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    status: IntegrationRequestStatus
    page_size: int
    page_token: str
    def __init__(self, office_id: _Optional[str] = ..., status: _Optional[_Union[IntegrationRequestStatus, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListIntegrationRequestsResponse(_message.Message):
    __slots__ = ("requests", "next_page_token")
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    requests: _containers.RepeatedCompositeFieldContainer[IntegrationRequest]
    next_page_token: str
    def __init__(self, requests: _Optional[_Iterable[_Union[IntegrationRequest, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RejectIntegrationRequestRequest(_message.Message):
    __slots__ = ("office_id", "request_id", "note")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    request_id: str
    note: str
    def __init__(self, office_id: _Optional[str] = ..., request_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class RejectIntegrationRequestResponse(_message.Message):
    __slots__ = ("request",)
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    request: IntegrationRequest
    def __init__(self, request: _Optional[_Union[IntegrationRequest, _Mapping]] = ...) -> None: ...
