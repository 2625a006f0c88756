"""Office flow and error codes through plain grpcio and the generated package (gen/python).

Run by test/interop/python.test.ts, which starts a real server and passes its address and
two API keys of different accounts in MITOSIS_TARGET, MITOSIS_API_KEY, MITOSIS_OTHER_API_KEY.
"""

import os
import uuid

import grpc
import pytest

from mitosis.v1 import office_pb2, office_pb2_grpc


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: run through `npx vitest run test/interop/python.test.ts`")
    return value


@pytest.fixture(scope="module")
def offices():
    with grpc.insecure_channel(_env("MITOSIS_TARGET")) as channel:
        yield office_pb2_grpc.OfficeServiceStub(channel)


def auth(key: str | None = None):
    return [("authorization", "Bearer " + (key or _env("MITOSIS_API_KEY")))]


def code_of(call) -> grpc.StatusCode:
    with pytest.raises(grpc.RpcError) as err:
        call()
    return err.value.code()


def test_office_lifecycle(offices):
    created = offices.CreateOffice(office_pb2.CreateOfficeRequest(name="interop python"), metadata=auth()).office
    assert created.name == "interop python"
    assert uuid.UUID(created.id)
    assert created.status == office_pb2.OFFICE_STATE_ACTIVE
    assert created.created_at.seconds > 0

    listed = offices.ListOffices(office_pb2.ListOfficesRequest(), metadata=auth()).offices
    assert created.id in [o.id for o in listed]

    got = offices.GetOffice(office_pb2.GetOfficeRequest(office_id=created.id), metadata=auth()).office
    assert got == created

    update = office_pb2.UpdateOfficeSettingsRequest(
        office_id=created.id, allow_agent_hiring=True, agent_idle_timeout_minutes=45, default_model_tier="opus"
    )
    settings = offices.UpdateOfficeSettings(update, metadata=auth()).settings
    assert (settings.allow_agent_hiring, settings.agent_idle_timeout_minutes, settings.default_model_tier) == (
        True,
        45,
        "opus",
    )
    # Fields left out of an update keep their value (proto3 optional presence on the wire).
    only_tier = office_pb2.UpdateOfficeSettingsRequest(office_id=created.id, default_model_tier="haiku")
    settings = offices.UpdateOfficeSettings(only_tier, metadata=auth()).settings
    assert (settings.allow_agent_hiring, settings.agent_idle_timeout_minutes, settings.default_model_tier) == (
        True,
        45,
        "haiku",
    )
    stored = offices.GetOfficeSettings(office_pb2.GetOfficeSettingsRequest(office_id=created.id), metadata=auth())
    assert stored.settings == settings

    offices.DeleteOffice(office_pb2.DeleteOfficeRequest(office_id=created.id), metadata=auth())
    gone = code_of(lambda: offices.GetOffice(office_pb2.GetOfficeRequest(office_id=created.id), metadata=auth()))
    assert gone == grpc.StatusCode.NOT_FOUND


def test_missing_key_is_unauthenticated(offices):
    assert code_of(lambda: offices.ListOffices(office_pb2.ListOfficesRequest())) == grpc.StatusCode.UNAUTHENTICATED


def test_wrong_key_is_unauthenticated(offices):
    call = lambda: offices.ListOffices(office_pb2.ListOfficesRequest(), metadata=auth("mi_not_a_real_key"))
    assert code_of(call) == grpc.StatusCode.UNAUTHENTICATED


def test_unknown_office_is_not_found(offices):
    call = lambda: offices.GetOffice(office_pb2.GetOfficeRequest(office_id=str(uuid.uuid4())), metadata=auth())
    assert code_of(call) == grpc.StatusCode.NOT_FOUND


def test_another_accounts_office_is_not_found(offices):
    mine = offices.CreateOffice(office_pb2.CreateOfficeRequest(name="private"), metadata=auth()).office
    other = auth(_env("MITOSIS_OTHER_API_KEY"))
    call = lambda: offices.GetOffice(office_pb2.GetOfficeRequest(office_id=mine.id), metadata=other)
    assert code_of(call) == grpc.StatusCode.NOT_FOUND


def test_invalid_requests_are_invalid_argument(offices):
    with pytest.raises(grpc.RpcError) as err:
        offices.CreateOffice(office_pb2.CreateOfficeRequest(name=""), metadata=auth())
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "name" in err.value.details()
    bad_id = lambda: offices.GetOffice(office_pb2.GetOfficeRequest(office_id="not-a-uuid"), metadata=auth())
    assert code_of(bad_id) == grpc.StatusCode.INVALID_ARGUMENT
