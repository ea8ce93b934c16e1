"""fediverse-pasture (PyPI, pinned in requirements-fediverse.txt) on loopback for the federation tests: its one actor,
and activities of many shapes (fediverse-pasture-inputs) sent signed to a Starling member; run with the Python of its
own venv (.venv-fediverse), in a directory of its own (it keeps its actor's keys in data.toml there).

  pasture_peer.py serve PORT DIR      serves the actor at http://127.0.0.1:PORT/actor
  pasture_peer.py send PORT DIR URI   sends each input's examples, as a Create of a Note mentioning the actor URI,
                                      and prints what each got as a JSON list of {input, example, status}
"""
import asyncio
import json
import os
import sys


async def serve(port: int):
    from hypercorn.asyncio import serve as hypercorn_serve
    from hypercorn.config import Config
    from fediverse_pasture.data_provider import DataProvider
    from fediverse_pasture.server.one_actor_app import app_for_data_provider

    config = Config()
    config.bind = [f"127.0.0.1:{port}"]
    await hypercorn_serve(app_for_data_provider(DataProvider.generate_and_load(False)), config)


async def send(port: int, target: str):
    from aiohttp.client_exceptions import ClientResponseError
    import fediverse_pasture_inputs
    from fediverse_pasture.one_actor import bovine_actor_and_session
    from fediverse_pasture.runner import ActivitySender
    from fediverse_pasture.runner.config import SendingConfig

    results = []
    async with bovine_actor_and_session(f"http://127.0.0.1:{port}") as (bovine_actor, actor, _):
        for name, inputs in sorted(fediverse_pasture_inputs.available.items()):
            for number, example in enumerate(inputs.examples):
                sender = ActivitySender.for_actor(bovine_actor, actor)
                sender.sending_config = SendingConfig(include_mention=True)
                sender.sleep_after_getting_inbox = False
                sender.init_create_note(lambda note: {**note, "content": "text", **example})
                refused = []
                post = sender._perform_post

                async def perform_post(inbox, create):
                    # The sender logs a refusal and returns nothing: its status is kept here.
                    try:
                        return await post(inbox, create)
                    except ClientResponseError as error:
                        refused.append(error.status)
                        raise

                sender._perform_post = perform_post
                try:
                    response = await sender.send(target)
                    status = refused[0] if refused else response.status
                except Exception as error:  # a shape the sender itself cannot build or send
                    status = f"not sent: {type(error).__name__}"
                results.append({"input": name, "example": number, "status": status})
    print(json.dumps(results))


if __name__ == "__main__":
    command, port, directory, *rest = sys.argv[1:]
    os.chdir(directory)
    if command == "serve":
        asyncio.run(serve(int(port)))
    elif command == "send":
        asyncio.run(send(int(port), rest[0]))
    else:
        sys.exit(__doc__)
