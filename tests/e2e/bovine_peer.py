"""bovine-herd (PyPI, pinned in requirements-fediverse.txt), a small fediverse server, on loopback as a peer for the
federation tests; run with the Python of its own venv (.venv-fediverse).

  bovine_peer.py serve PORT DIR           registers the actor moocow, prints {"actor", "followers", "secret"} as one JSON line,
                                          serves
  bovine_peer.py outbox ACTOR SECRET JSON posts an activity to moocow's outbox (as its client, Moo-Auth-1), prints its id
  bovine_peer.py inbox ACTOR SECRET       prints what moocow's inbox holds, as a JSON list
"""
import asyncio
import json
import sys
from urllib.parse import urlparse


async def serve(port: int, directory: str):
    from hypercorn.asyncio import serve as hypercorn_serve
    from hypercorn.config import Config
    from quart import Quart
    from tortoise import Tortoise
    from bovine.crypto import generate_ed25519_private_key, private_key_to_did_key
    from bovine_herd import BovineHerd
    from bovine_store import bovine_admin_store

    db_url = f"sqlite://{directory}/bovine.sqlite3"
    async with bovine_admin_store(db_url=db_url, domain=f"http://127.0.0.1:{port}") as store:
        await Tortoise.generate_schemas()
        name = await store.register("moocow")
        secret = generate_ed25519_private_key()
        did_key = private_key_to_did_key(secret)
        await store.add_identity_string_to_actor(name, did_key.removeprefix("did:key:"), did_key)
        actor = await store.actor_for_name(name)
        actor_id, followers = actor.actor_object.id, actor.actor_object.followers
        await actor.session.close()
    print(json.dumps({"actor": actor_id, "followers": followers, "secret": secret}), flush=True)
    app = Quart(__name__)
    BovineHerd(app, db_url=db_url)
    config = Config()
    config.bind = [f"127.0.0.1:{port}"]
    await hypercorn_serve(app, config)


def client(actor_id: str, secret: str):
    from bovine import BovineClient
    return BovineClient(domain="http://" + urlparse(actor_id).netloc, secret=secret)


async def outbox(actor_id: str, secret: str, activity: str):
    async with client(actor_id, secret) as actor:
        response = await actor.send_to_outbox(json.loads(activity))
        print(response.headers.get("location", ""))


async def inbox(actor_id: str, secret: str):
    async with client(actor_id, secret) as actor:
        items = [item async for item in actor.inbox()]
        print(json.dumps(items))


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    if command == "serve":
        asyncio.run(serve(int(arguments[0]), arguments[1]))
    elif command == "outbox":
        asyncio.run(outbox(*arguments))
    elif command == "inbox":
        asyncio.run(inbox(*arguments))
    else:
        sys.exit(__doc__)
