"""The Redis cache backend of the site: django-redis, failing open while Redis is away.

With ``IGNORE_EXCEPTIONS`` django-redis answers a read as a miss and drops a write when Redis
cannot be reached, but ``add()`` answers ``None``, i.e. "the key exists". allauth's rate
limiter (the failed-login limits, and portal/throttles.py on top of it) takes a lock with
``cache.add()`` before reading a counter and, when it never gets it, refuses the request:
with Redis down every sign-in would answer 429 and every throttled form (event registration,
initiative registration) would be refused, after a one-second wait each. Here ``add()``
answers ``True`` while Redis is unreachable: the lock is granted, the counter reads empty, and
the request goes through. Rate limits are therefore not enforced while Redis is down (they
fail open: README, Deployment > Redis); everything else behaves as with a cold cache.
"""

from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.cache import omit_exception


class RedisCache(DjangoRedisCache):
    @omit_exception(return_value=True)
    def add(self, *args, **kwargs):
        return self.client.add(*args, **kwargs)
