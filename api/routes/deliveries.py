"""Webhook deliveries of a story: listing with attempts, and manual redelivery."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import JSONResponse

from api.deps import QueueDep, SessionDep, StoryDep
from api.errors import unavailable
from api.queue import BrokerUnavailable
from api.routes.stories import NOT_FOUND
from api.schemas.common import error_responses, from_row
from api.schemas.deliveries import DeliveryAttemptOut, DeliveryList, DeliveryOut
from worker.storage import deliveries
from worker.storage.models import Delivery
from worker.task_names import TASK_DELIVER_WEBHOOK

router = APIRouter(prefix="/v1/stories/{story_id}/deliveries", tags=["deliveries"])


def delivery_out(delivery: Delivery) -> DeliveryOut:
    """The delivery as listed; ``status`` is copied as stored (a CHECK constrains it)."""
    return from_row(
        DeliveryOut,
        delivery,
        attempt_count=delivery.attempts,
        next_attempt_at=delivery.next_attempt_at if delivery.status == "pending" else None,
        attempts=[DeliveryAttemptOut.model_validate(a) for a in delivery.attempt_log],
    )


@router.get("", responses=NOT_FOUND, summary="Webhook deliveries")
def list_deliveries(story: StoryDep, session: SessionDep) -> DeliveryList:
    return DeliveryList(
        deliveries=[delivery_out(d) for d in deliveries.list_deliveries(session, story.id)]
    )


@router.post(
    "/{delivery_id}/redeliver",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=DeliveryOut,
    responses=error_responses(401, 404, 503),
    summary="Send a delivery again (fresh retry budget, same webhook-id)",
)
def redeliver(
    story: StoryDep, delivery_id: str, session: SessionDep, queue: QueueDep
) -> DeliveryOut | JSONResponse:
    if deliveries.get_delivery_for_story(session, story.id, delivery_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Delivery {delivery_id} not found")
    delivery = deliveries.requeue_delivery(session, delivery_id)
    assert delivery is not None
    session.commit()
    session.refresh(delivery)
    out = delivery_out(delivery)
    try:
        queue.send(TASK_DELIVER_WEBHOOK, [[delivery.id]])
    except BrokerUnavailable:
        return unavailable(
            {
                "detail": (
                    "The redelivery was scheduled but could not be queued because the message "
                    "broker is unavailable; it will be sent once the broker recovers."
                ),
                "delivery": out.model_dump(mode="json"),
            }
        )
    return out
