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

class ChatChannel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHAT_CHANNEL_UNSPECIFIED: _ClassVar[ChatChannel]
    CHAT_CHANNEL_DIRECT: _ClassVar[ChatChannel]
    CHAT_CHANNEL_GROUP: _ClassVar[ChatChannel]
CHAT_CHANNEL_UNSPECIFIED: ChatChannel
CHAT_CHANNEL_DIRECT: ChatChannel
CHAT_CHANNEL_GROUP: ChatChannel

class ChatMessage(_message.Message):
    __slots__ = ("id", "channel", "agent_name", "peer_agent", "sender", "text", "task_id", "created_at", "xmtp_message_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    PEER_AGENT_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    XMTP_MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    channel: ChatChannel
    agent_name: str
    peer_agent: str
    sender: str
    text: str
    task_id: int
    created_at: _timestamp_pb2.Timestamp
    xmtp_message_id: str
    def __init__(self, id: _Optional[int] = ..., channel: _Optional[_Union[ChatChannel, str]] = ..., agent_name: _Optional[str] = ..., peer_agent: _Optional[str] = ..., sender: _Optional[str] = ..., text: _Optional[str] = ..., task_id: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., xmtp_message_id: _Optional[str] = ...) -> None: ...

class SendDirectMessageRequest(_message.Message):
    __slots__ = ("office_id", "agent_name", "text", "from_agent", "task_id")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    FROM_AGENT_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    text: str
    from_agent: str
    task_id: int
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., text: _Optional[str] = ..., from_agent: _Optional[str] = ..., task_id: _Optional[int] = ...) -> None: ...

class SendDirectMessageResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: ChatMessage
    def __init__(self, message: _Optional[_Union[ChatMessage, _Mapping]] = ...) -> None: ...

class ListDirectMessagesRequest(_message.Message):
    __slots__ = ("office_id", "agent_name", "peer_agent", "page_size", "page_token", "since_id")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    PEER_AGENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SINCE_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    agent_name: str
    peer_agent: str
    page_size: int
    page_token: str
    since_id: int
    def __init__(self, office_id: _Optional[str] = ..., agent_name: _Optional[str] = ..., peer_agent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., since_id: _Optional[int] = ...) -> None: ...

class ListDirectMessagesResponse(_message.Message):
    __slots__ = ("messages", "next_page_token")
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[ChatMessage]
    next_page_token: str
    def __init__(self, messages: _Optional[_Iterable[_Union[ChatMessage, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class SendGroupMessageRequest(_message.Message):
    __slots__ = ("office_id", "text", "from_agent", "task_id")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    FROM_AGENT_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    text: str
    from_agent: str
    task_id: int
    def __init__(self, office_id: _Optional[str] = ..., text: _Optional[str] = ..., from_agent: _Optional[str] = ..., task_id: _Optional[int] = ...) -> None: ...

class SendGroupMessageResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: ChatMessage
    def __init__(self, message: _Optional[_Union[ChatMessage, _Mapping]] = ...) -> None: ...

class ListGroupMessagesRequest(_message.Message):
    __slots__ = ("office_id", "page_size", "page_token", "since_id")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SINCE_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    page_size: int
    page_token: str
    since_id: int
    def __init__(self, office_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., since_id: _Optional[int] = ...) -> None: ...

class ListGroupMessagesResponse(_message.Message):
    __slots__ = ("messages", "next_page_token")
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[ChatMessage]
    next_page_token: str
    def __init__(self, messages: _Optional[_Iterable[_Union[ChatMessage, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class SubscribeMessagesRequest(_message.Message):
    __slots__ = ("office_id", "channel", "agent_name", "since_id")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    SINCE_ID_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    channel: ChatChannel
    agent_name: str
    since_id: int
    def __init__(self, office_id: _Optional[str] = ..., channel: _Optional[_Union[ChatChannel, str]] = ..., agent_name: _Optional[str] = ..., since_id: _Optional[int] = ...) -> None: ...

class SubscribeMessagesResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: ChatMessage
    def __init__(self, message: _Optional[_Union[ChatMessage, _Mapping]] = ...) -> None: ...
